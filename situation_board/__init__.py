"""situation-board: the shared situation picture of a regional special healthcare command (RSSL).

The package is layered (DESIGN §3): ``domain`` (pure Python), ``store`` (SQLAlchemy), ``sync``,
``services``, ``reports`` and ``ui`` (the only place PySide6 is imported).
"""

__version__ = "0.1.0"
APP_NAME = "situation-board"
