"""Sync between a station's local store and a shared store (SQLite file or PostgreSQL).

Qt-free. The window uses ``SyncEngine`` (``start``, ``stop``, ``sync_now``, ``status``,
``add_listener``), ``SyncStatus`` for the status bar, ``PasswordSource``/``PromptHook`` to ask for a
password when there is no keyring. Conflicts are listed and reviewed through the services.
"""
