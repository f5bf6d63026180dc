"""Event templates: the library (the program's and the region's folders) and starting an event
from a template.

``load_library`` reads every ``*.toml`` in the folders, in order — the program's
``resources/templates/`` first, then the region's folder (``templates_dir``), whose templates
replace the program's of the same id. A broken file is reported (``TemplateLibrary.problems``:
the file, the line, what is wrong) and the others still load; asking for a broken template by
its id raises its error.

``TemplateServices.start_event_from_template`` starts the event and seeds it in ONE transaction:
the systems to check, the actions (due times relative to the event's start), the deadline clocks
(started at the event's start, or an action to decide on them) and the briefing rhythm — each
journaled like the same change made by hand, after a journal entry naming the template.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from situation_board.domain.changes import Outcome
from situation_board.domain.deadlines import source_of
from situation_board.domain.entities import Event
from situation_board.domain.enums import Priority
from situation_board.domain.errors import NotFoundError
from situation_board.domain.messages import Text
from situation_board.domain.patches import ActionPatch, SystemPatch
from situation_board.domain.rules import MAX_NAME, not_in_future, require_text
from situation_board.domain.templates import EventTemplate, TemplateError, parse_template
from situation_board.domain.text import text_key
from situation_board.domain.timeutil import check_sane
from situation_board.i18n import N_, ngettext
from situation_board.resources import resource
from situation_board.services.actions import ActionServices
from situation_board.services.briefings import BriefingServices
from situation_board.services.deadlines import DeadlineServices, plan_deadlines
from situation_board.services.events import EventServices
from situation_board.services.systems import SystemServices, system_columns

BUILT_IN = "templates"
"""The program's templates: ``resources/templates/``."""


def built_in_folder() -> Path:
    return resource(BUILT_IN)


@dataclass(frozen=True, slots=True)
class TemplateLibrary:
    """The templates that loaded, by id, and the files that did not."""

    templates: tuple[EventTemplate, ...] = ()
    problems: tuple[TemplateError, ...] = field(default_factory=tuple)

    def get(self, ref: str) -> EventTemplate:
        """The template whose id (or name) is ``ref``, as people read it (``text_key``).

        Raises the file's ``TemplateError`` when ``ref`` names a broken file, else
        ``NotFoundError("not_found", what="template")``.
        """
        wanted = text_key(ref)
        for t in self.templates:
            if wanted in (text_key(t.id), text_key(t.name)):
                return t
        for problem in self.problems:
            if text_key(Path(problem.path).stem) == wanted:
                raise problem
        raise NotFoundError("not_found", what="template", ref=ref)


def template_summary(t: EventTemplate, language: str) -> str:
    """``4 systems, 7 actions, 2 deadlines, daily at 08:00, 13:00``."""
    parts = [
        ngettext("{n} system", "{n} systems", len(t.systems)).format(n=len(t.systems)),
        ngettext("{n} action", "{n} actions", len(t.actions)).format(n=len(t.actions)),
        ngettext("{n} deadline", "{n} deadlines", len(t.deadlines)).format(n=len(t.deadlines)),
    ]
    if t.briefing is not None:
        parts.append(t.briefing.recurrence.describe(language))
    return ", ".join(parts)


def load_library(folders: Iterable[Path]) -> TemplateLibrary:
    """Every template in ``folders`` (later folders replace earlier ids); a missing or
    unreadable folder or file and a broken template are ``problems``, never an exception."""
    found: dict[str, EventTemplate] = {}
    problems: list[TemplateError] = []
    for folder in folders:
        try:
            files = sorted(p for p in folder.iterdir() if p.suffix == ".toml" and p.is_file())
        except OSError as exc:
            reason = Text(N_("{detail}"), {"detail": exc.strerror or str(exc)})
            problems.append(
                TemplateError(str(folder), None, reason, key="template_folder_unreadable")
            )
            continue
        for path in files:
            template_id = path.stem.casefold()
            try:
                text = path.read_text(encoding="utf-8")
                template = parse_template(text, str(path), template_id)
            except TemplateError as exc:
                problems = [p for p in problems if Path(p.path).stem.casefold() != template_id]
                found.pop(template_id, None)
                problems.append(exc)
                continue
            except (OSError, UnicodeDecodeError) as exc:
                reason = Text(N_("cannot read the file: {detail}"), {"detail": str(exc)})
                problems.append(TemplateError(str(path), None, reason))
                continue
            problems = [p for p in problems if Path(p.path).stem.casefold() != template_id]
            found[template_id] = template
    ordered = sorted(found.values(), key=lambda t: t.name.casefold())
    return TemplateLibrary(tuple(ordered), tuple(problems))


class TemplateServices(
    EventServices, SystemServices, ActionServices, DeadlineServices, BriefingServices
):
    """Start an event from a template."""

    def start_event_from_template(
        self,
        name: str,
        template: EventTemplate,
        *,
        exercise: bool = False,
        started_at: datetime | None = None,
    ) -> Outcome[Event]:
        """Ny händelse ``name`` seeded from ``template`` (see the module docstring), started
        at ``started_at`` (aware UTC, default now); everything commits together or not at all.

        Raises ``ValidationError``, ``StateError`` (an event is active).
        """
        name = require_text(name, "name", limit=MAX_NAME)
        now = self.now()
        start = not_in_future(check_sane(started_at or now, "started"), now, "started")

        def at(hours: float | None) -> datetime | None:
            return None if hours is None else start + timedelta(hours=hours)

        systems = [
            system_columns(
                SystemPatch(
                    name=s.name,
                    status=s.status,
                    supplier=s.supplier,
                    processes=s.processes,
                    reserve_routine=s.reserve_routine,
                    reserve_routine_active=False,
                    personal_data_affected=s.personal_data,
                ),
                now,
            )
            for s in template.systems
        ]
        clocks = [
            plan_deadlines(d.kind, now, aware_at=start, hours=d.hours, title=d.title)
            for d in template.deadlines
            if d.start
        ]
        with self.store.write(self.actor.name, now) as tx:
            event = self._insert_event(tx, name, exercise=exercise, started=start)
            self._log(
                tx,
                event.id,
                f"Händelsemall: {template.name} ({template.id}) – {len(template.systems)} system "
                f"att kontrollera, {len(template.actions)} åtgärder, "
                f"{len(template.deadlines)} frister att ta ställning till"
                + (", stabsorienteringar" if template.briefing else "")
                + ".",
                occurred_at=start,
            )
            for values in systems:
                self._insert_system(tx, event.id, values, "")
            for a in template.actions:
                self._insert_action(
                    tx,
                    event.id,
                    a.title,
                    ActionPatch(
                        owner=a.owner,
                        due_at=at(a.due_hours),
                        priority=a.priority,
                        system_ref=a.system,
                    ),
                )
            for plan in clocks:
                self._insert_deadlines(tx, event.id, plan)
            for d in template.deadlines:
                if d.start:
                    continue
                source = f" ({source_of(d.kind)})" if source_of(d.kind) else ""
                self._insert_action(
                    tx,
                    event.id,
                    f"Ta ställning till frist: {d.title or d.kind.sv}{source}",
                    ActionPatch(owner=d.owner, due_at=at(d.due_hours), priority=Priority.HIGH),
                )
            b = template.briefing
            if b is not None:
                first = start
                if b.recurrence.every_hours is not None:
                    first = start + timedelta(
                        hours=b.first_after_hours
                        if b.first_after_hours is not None
                        else b.recurrence.every_hours
                    )
                elif b.first_after_hours is not None:
                    first = start + timedelta(hours=b.first_after_hours)
                self._insert_briefing(tx, event.id, first, b.title, b.recurrence)
        return Outcome(event, tx.changes)
