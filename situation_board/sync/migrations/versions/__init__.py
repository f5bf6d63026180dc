"""Revisions of the shared store's schema."""
