"""The local store: SQLAlchemy Core tables, the unit of work (HLC + outbox), queries, migrations."""
