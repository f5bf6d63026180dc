"""Benchmarks: print their figures; not collected by the test run (see README)."""
