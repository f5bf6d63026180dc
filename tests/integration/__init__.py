"""Integration tests: real SQLite files, real processes."""
