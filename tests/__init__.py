"""Test suite of situation-board."""
