"""Dialogs: level decision, system, action, journal entry, identity, event."""
