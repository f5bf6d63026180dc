"""Use cases behind the generated documents: any event's board (closed ones too), its record.

Closed events stay readable and exportable (DESIGN §2): ``event_record`` reads everything an archive
or a print needs about one event in one consistent snapshot. ``event_ref`` ``None`` means the active
event; otherwise an event id or its last 4–8 hex digits (the short id ``event list`` prints).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection

from situation_board.domain.entities import Board, Event, SyncInfo
from situation_board.domain.errors import NotFoundError
from situation_board.domain.rules import MAX_NAME, optional_text
from situation_board.reports.records import EventRecord
from situation_board.reports.situation_report import SituationReport, build_situation_report
from situation_board.services.read import ReadServices
from situation_board.store import queries as q
from situation_board.store.chains import chain_records


class DocumentServices(ReadServices):
    """Reads for the handover, journal and board prints, the lägesbild and the archive."""

    def _event_in(self, conn: Connection, event_ref: str | None) -> Event:
        if event_ref is None or not event_ref.strip():
            return self._active_event(conn)
        wanted = event_ref.strip().lower()
        compact = wanted.replace("-", "")
        matches = [
            e
            for e in q.all_events(conn)
            if e.id == wanted or (len(compact) >= 4 and e.id.replace("-", "").endswith(compact))
        ]
        if not matches:
            raise NotFoundError("not_found", what="event", ref=event_ref)
        if len(matches) > 1:
            ids = ", ".join(e.id[-8:] for e in matches[:5])
            raise NotFoundError("ambiguous_ref", what="event", ref=event_ref, matches=ids)
        return matches[0]

    def find_event(self, event_ref: str | None = None) -> Event:
        """The active event (``None``) or the event with that id / short id, open or closed.
        Raises ``NotFoundError``, ``NoActiveEventError``."""
        with self.store.read() as conn:
            return self._event_in(conn, event_ref)

    def _event_board(self, conn: Connection, event: Event, now: datetime) -> Board:
        return Board(
            as_of=now,
            station=q.station(conn),
            event=event,
            level=q.current_level(conn, event.id),
            systems=tuple(q.systems_of(conn, event.id)),
            actions=tuple(q.actions_of(conn, event.id)),
            journal=tuple(q.journal_of(conn, event.id)),
            deadlines=tuple(q.deadlines_of(conn, event.id)),
            briefings=tuple(q.briefings_of(conn, event.id)),
            sync=SyncInfo(pending=q.pending_outbox(conn), conflicts=q.open_conflicts(conn)),
        )

    def event_board(self, event_ref: str | None = None) -> Board:
        """The board of one event (active or closed; see ``find_event``), with its whole
        journal, as of the service clock's now."""
        with self.store.read() as conn:
            return self._event_board(conn, self._event_in(conn, event_ref), self.now())

    def event_record(self, event_ref: str | None = None) -> EventRecord:
        """Everything about one event (see ``find_event``), for the closure archive, read in
        one snapshot."""
        with self.store.read() as conn:
            event = self._event_in(conn, event_ref)
            board = self._event_board(conn, event, self.now())
            return EventRecord(
                board=board,
                level_history=tuple(q.level_history(conn, event.id)),
                handovers=tuple(q.handovers_of(conn, event.id)),
                chains=tuple(chain_records(conn, event.id)),
            )

    def situation_report(
        self,
        staff_text: dict[str, str] | None = None,
        *,
        contact: str = "",
        event_ref: str | None = None,
        language: str | None = None,
    ) -> SituationReport:
        """The lägesbild pre-filled from the board of ``event_ref`` (see ``find_event``), with
        the staff's text in its sections (``staff_text``: section key → text), written in
        ``language`` (``sv``/``en``; ``None``: the UI language).

        The lägesbild leaves the room: the staff's text and the contact are refused when they
        look like they hold a personal identity number (``ValidationError("personnummer_field")``)
        or are too long, and the board's part is built from what may leave it
        (``reports.privacy``). Raises ``ValidationError``, ``NotFoundError``,
        ``NoActiveEventError``, ``KeyError`` (unknown section key).
        """
        texts = {key: optional_text(text, "text") for key, text in (staff_text or {}).items()}
        contact = optional_text(contact, "text", limit=MAX_NAME)
        record = self.event_record(event_ref)
        return build_situation_report(
            record.board,
            record.level_history,
            staff_text=texts,
            contact=contact,
            language=language,
        )
