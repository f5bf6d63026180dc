"""Benchmarks, not tests (pytest collects no ``bench_*.py``): ``make bench`` or
``python -m tests.perf`` runs them all and prints one table (see ``__main__``)."""
