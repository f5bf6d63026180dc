"""The domain: entities, enums and rules of the board, in pure Python (no Qt, no SQLAlchemy)."""
