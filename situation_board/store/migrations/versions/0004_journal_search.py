"""The journal at scale: an index in chronological order, and a full-text index for search.

* ``ix_journal_chrono`` (event, occurred, recorded, number, id) is the journal's display and
  export order: ``log list``, ``show --json`` and the window's pages read it in order, without
  sorting (it replaces ``ix_journal_event_occurred``, its prefix).
* ``journal_search``: an FTS5 index of the searchable text (number, author, parties, text) with
  the journal as its external content (the text is not stored twice) and a trigger that indexes
  each new entry (the journal is append-only: nothing is ever updated or deleted). The tokenizer
  folds case but keeps diacritics: å, ä and ö are letters of their own in Swedish, so "år" does
  not find "ar" nor "är". Prefix indexes of 2 and 3 letters keep search-as-you-type fast.

Revision ID: 0004_journal_search
Revises: 0003_attention
Create Date: 2026-12-02
"""

from alembic import op

revision = "0004_journal_search"
down_revision = "0003_attention"
branch_labels = None
depends_on = None

SEARCH_COLUMNS = "number, author, from_party, to_party, text"


def upgrade() -> None:
    op.create_index(
        "ix_journal_chrono",
        "journal",
        ["event_id", "occurred_at", "recorded_at", "number", "id"],
    )
    op.drop_index("ix_journal_event_occurred", table_name="journal")
    op.execute(
        f"CREATE VIRTUAL TABLE journal_search USING fts5({SEARCH_COLUMNS},"
        " content='journal', content_rowid='rowid',"
        " tokenize='unicode61 remove_diacritics 0', prefix='2 3')"
    )
    op.execute(
        "CREATE TRIGGER journal_search_insert AFTER INSERT ON journal BEGIN"
        f" INSERT INTO journal_search(rowid, {SEARCH_COLUMNS}) VALUES"
        " (new.rowid, new.number, new.author, new.from_party, new.to_party, new.text); END"
    )
    op.execute("INSERT INTO journal_search(journal_search) VALUES ('rebuild')")


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS journal_search_insert")
    op.execute("DROP TABLE IF EXISTS journal_search")
    op.create_index("ix_journal_event_occurred", "journal", ["event_id", "occurred_at"])
    op.drop_index("ix_journal_chrono", table_name="journal")
