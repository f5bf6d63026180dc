"""Integration tests of sync: real SQLite files, real PostgreSQL clusters, real processes."""
