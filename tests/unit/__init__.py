"""Unit tests: no Qt, no database server."""
