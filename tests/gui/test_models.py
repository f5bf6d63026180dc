"""Table models pass Qt's model tester and show what the board says."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from situation_board.domain.enums import EntryCategory
from situation_board.ui.models.actions import ALL_GROUP, ActionsModel, ActionsProxy
from situation_board.ui.models.journal import JournalModel, JournalProxy
from situation_board.ui.models.systems import SystemsModel

from .conftest import NOW


def test_systems_model(qtmodeltester, service) -> None:
    board = service.board(with_journal=False)
    model = SystemsModel("sv")
    model.set_systems(board.systems, board.as_of)
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    first = model.index(0, SystemsModel.STATUS)
    assert model.data(first) == "Ur funktion"  # worst first
    assert model.data(model.index(0, SystemsModel.PROGNOSIS)) == "ingen prognos"  # explicit
    # the promised 15:00 update has passed (the board is as of 16:00)
    assert model.data(model.index(0, SystemsModel.NEXT_UPDATE)) == "⚠ 15:00 · har inte kommit"
    assert not model.data(first, Qt.ItemDataRole.DecorationRole).isNull()


def test_actions_model_and_proxy(qtmodeltester, service) -> None:
    board = service.board(with_journal=False)
    model = ActionsModel("sv")
    model.set_actions(board.actions, board.as_of)
    proxy = ActionsProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    titles = [proxy.data(proxy.index(r, ActionsModel.TITLE)) for r in range(proxy.rowCount())]
    assert titles[0] == "Begär ny prognos från leverantören för utskrivningssystemet"  # overdue
    assert len(titles) == 5  # open and in progress only, by due time
    dues = [a.due_at for a in board.open_actions()]
    assert sorted(dues) == dues
    overdue = proxy.index(0, ActionsModel.DUE)
    assert proxy.data(overdue) == "15:00 · FÖRSENAD 1 h 00 min"  # how late, not just that
    assert (
        proxy.data(proxy.index(1, ActionsModel.DUE)) == "16:30 · om 30 min"
    )  # due within the hour
    assert proxy.data(proxy.index(2, ActionsModel.DUE)) == "17:00 · om 1 h 00 min"
    assert proxy.data(proxy.index(3, ActionsModel.DUE)) == "18:00"  # later: just the time
    assert proxy.data(overdue, Qt.ItemDataRole.BackgroundRole) is not None
    proxy.set_status(ALL_GROUP)
    assert proxy.rowCount() == len(board.actions)
    proxy.set_owner("Stabschef")
    assert {proxy.data(proxy.index(r, ActionsModel.OWNER)) for r in range(proxy.rowCount())} == {
        "Stabschef"
    }


def test_journal_model_and_proxy(qtmodeltester, service) -> None:
    entries = service.journal()
    model = JournalModel("sv")
    model.reset_entries(entries)
    proxy = JournalProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == len(entries)
    newest = proxy.data(proxy.index(0, JournalModel.NUMBER))
    assert newest == entries[-1].number
    proxy.set_newest_first(False)
    assert proxy.data(proxy.index(0, JournalModel.NUMBER)) == entries[0].number
    proxy.set_search("IMY")
    assert 0 < proxy.rowCount() < len(entries)
    for r in range(proxy.rowCount()):
        assert "imy" in model.haystack[proxy.source_row(r)]
    proxy.set_search("leverantörerna personuppgifter")  # all words must match
    assert proxy.rowCount() == 1
    proxy.set_search("")
    proxy.set_categories(frozenset({EntryCategory.DECISION}))
    assert proxy.rowCount() == 2
    people = frozenset(EntryCategory) - {EntryCategory.SYSTEM}  # "Alla utom systemposter"
    proxy.set_categories(people)
    written = [e for e in entries if e.category is not EntryCategory.SYSTEM]
    assert 0 < proxy.rowCount() == len(written) < len(entries)
    proxy.set_categories(None)
    system_row = next(i for i, e in enumerate(model.entries) if e.category is EntryCategory.SYSTEM)
    other_row = next(
        i for i, e in enumerate(model.entries) if e.category is EntryCategory.INFORMATION
    )
    fg = Qt.ItemDataRole.ForegroundRole
    assert model.data(model.index(system_row, JournalModel.TEXT), fg) is not None  # quieter
    assert model.data(model.index(other_row, JournalModel.TEXT), fg) is None
    proxy.set_period(NOW - timedelta(hours=2), None)
    assert proxy.rowCount() == 1  # only the 15:40 call
    call = proxy.data(proxy.index(0, JournalModel.TEXT))
    assert call.startswith("De första avdelningarna använder")  # the message first, then who
    assert "[Telefon · " in call


def test_journal_keeps_order_when_an_earlier_entry_arrives_late(qtmodeltester, service) -> None:
    entries = service.journal()
    model = JournalModel("sv")
    model.reset_entries(entries[:-5])
    proxy = JournalProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(model)
    late = entries[-5:]
    model.append_entries([late[-1]])  # newest first...
    model.append_entries(late[:-1])  # ...then older ones arrive (e.g. by sync)
    assert [e.id for e in model.entries] == [e.id for e in entries]
    model.append_entries(late)  # duplicates are ignored
    assert len(model.entries) == len(entries)


def test_correction_is_shown_beside_its_original(service) -> None:
    original = service.journal()[-1]
    fix = service.add_entry("Rättelse: avdelning 3", corrects=original.number).value
    model = JournalModel("sv")
    model.reset_entries(service.journal())
    row_o, row_f = model.row_of(original.id), model.row_of(fix.id)
    text_o = model.data(model.index(row_o, JournalModel.TEXT))
    text_f = model.data(model.index(row_f, JournalModel.TEXT))
    assert original.text in text_o and fix.number in text_o
    assert original.number in text_f
    assert model.data(model.index(row_o, 0), Qt.ItemDataRole.FontRole).italic()
    assert replace(original, text="x") != original


def test_bounded_journal_model_keeps_the_latest_accepted(qtmodeltester, service) -> None:
    entries = service.journal()
    model = JournalModel("sv", accept=lambda e: e.category is not EntryCategory.SYSTEM, keep_last=5)
    qtmodeltester.check(model)
    model.reset_entries(entries[:-3])
    kept = [e for e in entries[:-3] if e.category is not EntryCategory.SYSTEM][-5:]
    assert [e.id for e in model.entries] == [e.id for e in kept]
    model.append_entries(entries[-3:])
    wanted = [e for e in entries if e.category is not EntryCategory.SYSTEM][-5:]
    assert [e.id for e in model.entries] == [e.id for e in wanted]
    assert len(model.haystack) == len(model.keys) == 5


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.sampled_from("abcdefgh"), unique=True, max_size=8),
    st.lists(st.lists(st.sampled_from("abcdefgh"), unique=True, max_size=8), max_size=4),
)
def test_rows_are_replaced_in_place_keeping_persistent_indexes(qtmodeltester, first, later) -> None:
    """Any sequence of boards: the model ends up showing exactly the new rows, and an index
    kept on a row that survives still points at that row (the view's selection)."""
    from PySide6.QtCore import QPersistentModelIndex

    from situation_board.ui.models.base import ListModel

    @dataclass(frozen=True)
    class Row:
        id: str
        text: str

    class Model(ListModel):
        def __init__(self) -> None:
            super().__init__()
            self.headers = ["id", "text"]
            self.rows: tuple[Row, ...] = ()

        def items(self) -> tuple[Row, ...]:
            return self.rows

        def store(self, rows: tuple[Row, ...]) -> None:
            self.rows = rows

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
                return None
            row = self.rows[index.row()]
            return row.id if index.column() == 0 else row.text

    model = Model()
    qtmodeltester.check(model)  # the tester then watches every signal below
    model.replace_rows([Row(k, "v0") for k in first], model.store)
    for n, keys in enumerate(later, start=1):
        kept = {
            model.rows[r].id: QPersistentModelIndex(model.index(r, 1)) for r in range(len(first))
        }
        model.replace_rows([Row(k, f"v{n}") for k in keys], model.store)
        assert [r.id for r in model.rows] == keys and all(r.text == f"v{n}" for r in model.rows)
        for key, index in kept.items():
            if key in keys:
                assert index.isValid() and index.row() == keys.index(key) and index.column() == 1
            else:
                assert not index.isValid()
        first = keys
