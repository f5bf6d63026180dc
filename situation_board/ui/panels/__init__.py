"""Panels the main window and the wall view compose."""
