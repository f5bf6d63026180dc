"""Benchmarks (not tests: pytest does not collect ``bench_*.py``); each prints its figures."""
