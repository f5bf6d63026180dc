"""Use cases shared by the window and the CLI; they return frozen dataclasses, never rows.

``BoardService`` composes the per-topic mixins over one store, one acting user and one clock.
"""

from __future__ import annotations

from situation_board.services.actions import ActionServices
from situation_board.services.briefings import BriefingServices
from situation_board.services.conflicts import ConflictServices
from situation_board.services.deadlines import DeadlineServices
from situation_board.services.documents import DocumentServices
from situation_board.services.events import EventServices
from situation_board.services.handover import HandoverServices
from situation_board.services.journal import JournalServices
from situation_board.services.reminders import ReminderServices
from situation_board.services.systems import SystemServices
from situation_board.services.templates import TemplateServices
from situation_board.services.undo import UndoServices


class BoardService(
    TemplateServices,
    EventServices,
    SystemServices,
    ActionServices,
    JournalServices,
    DeadlineServices,
    BriefingServices,
    HandoverServices,
    DocumentServices,
    ConflictServices,
    ReminderServices,
    UndoServices,
):
    """All use cases of one board for one acting user."""


__all__ = ["BoardService"]
