"""The demo board: replays the January 2024 case (``resources/demo/*.json``) through the services.

The timeline is data, not code. Each step has a recording time ``at`` and an actor; the replay
runs every step through the same use cases a user would, with the clock set to that step's time,
so the demo board is built exactly like a real one (system journal entries, outbox, HLC).

Live (``make demo``): the timeline moves by WHOLE DAYS in Stockholm time, so every time of day is
the real case's (the level decision in the afternoon, briefings at 08:30 and 16:30): the case's last
day becomes today and the steps up to now (less a few minutes) are replayed — the board looks as
the real one did at this time of day, with actions due in the coming hours. Before the last day's
first step (early in the morning) the whole case is replayed ending yesterday instead. ``as_of``
keeps the real dates and leaves out the steps after that instant.

Dates and weekdays inside the texts move with the timeline: a text marks them with placeholders
the replay fills in Swedish — ``{date:2024-01-29}`` ("29 januari"), ``{weekday:2024-01-29}``
("måndag"), ``{weekday_def:2024-01-29}`` ("måndagen").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from situation_board.domain.clock import fixed_clock
from situation_board.domain.entities import Actor
from situation_board.domain.enums import (
    ActionStatus,
    DeadlineKind,
    EntryCategory,
    Medium,
    Priority,
    ReadinessLevel,
    StaffFunction,
    SystemStatus,
)
from situation_board.domain.errors import BoardError
from situation_board.domain.patches import ActionPatch, Prognosis, SystemPatch
from situation_board.domain.timeutil import STOCKHOLM, fmt_cldr, from_local, local, utc
from situation_board.resources import resource
from situation_board.services import BoardService
from situation_board.store.database import LocalStore

DEMO_FILE = resource("demo", "tietoevry-2024.json")
LIVE_LAG = timedelta(minutes=4)


_PLACEHOLDER = re.compile(r"\{(date|weekday|weekday_def):(\d{4}-\d{2}-\d{2})\}")


@dataclass(frozen=True, slots=True)
class DayShift:
    """Moves instants by whole days of Stockholm calendar time: 14:05 stays 14:05 local, in
    winter and in summer time alike."""

    days: int

    def instant(self, value: datetime) -> datetime:
        """``value`` (aware) moved by ``days``, as an aware UTC instant."""
        if not self.days:
            return utc(value)
        moved = local(value).replace(tzinfo=None) + timedelta(days=self.days)
        try:
            return from_local(moved)
        except BoardError as exc:
            if exc.key == "ambiguous_time":  # the repeated October hour: its first pass
                return utc(moved.replace(tzinfo=STOCKHOLM, fold=0))
            return from_local(moved + timedelta(hours=1))  # the hour skipped in spring

    def day(self, value: date) -> date:
        return value + timedelta(days=self.days)

    def text(self, value: str) -> str:
        """``value`` with its date placeholders filled in Swedish (see the module)."""

        def fill(match: re.Match[str]) -> str:
            kind, day = match.group(1), self.day(date.fromisoformat(match.group(2)))
            at = from_local(datetime(day.year, day.month, day.day, 12, 0))
            if kind == "date":
                return fmt_cldr(at, "d MMMM", "sv")
            weekday = fmt_cldr(at, "EEEE", "sv")
            return weekday + "en" if kind == "weekday_def" else weekday

        return _PLACEHOLDER.sub(fill, value)


@dataclass(frozen=True, slots=True)
class DemoResult:
    steps: int
    first_at: datetime
    last_at: datetime
    shift: DayShift


def _t(value: str | None, shift: DayShift) -> datetime | None:
    return None if value is None else shift.instant(datetime.fromisoformat(value))


def _at(step: dict[str, Any]) -> datetime:
    return utc(datetime.fromisoformat(step["at"]))


def live_shift(steps: list[dict[str, Any]], now: datetime) -> DayShift:
    """The whole-day shift for a live demo at ``now``: the case's last day becomes today, unless
    none of that day's steps has happened yet by now's time of day (then yesterday)."""
    last_day = local(_at(steps[-1])).date()
    shift = DayShift((local(now).date() - last_day).days)
    cutoff = now - LIVE_LAG
    if not any(local(_at(s)).date() == last_day and shift.instant(_at(s)) <= cutoff for s in steps):
        shift = DayShift(shift.days - 1)
    return shift


def _filled(value: Any, shift: DayShift) -> Any:
    """A step's values with the date placeholders in its texts filled in."""
    if isinstance(value, str):
        return shift.text(value)
    if isinstance(value, dict):
        return {k: _filled(v, shift) for k, v in value.items()}
    if isinstance(value, list):
        return [_filled(v, shift) for v in value]
    return value


def load_timeline(path: Path = DEMO_FILE) -> dict[str, Any]:
    """The demo scenario (JSON: title, source, actors, timeline). Raises
    ``BoardError("demo_missing")`` when the file is not installed."""
    if not path.exists():
        raise BoardError("demo_missing", path=str(path))
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def build_demo(
    store: LocalStore,
    *,
    now: datetime,
    as_of: datetime | None = None,
    path: Path = DEMO_FILE,
) -> DemoResult:
    """Replay the demo timeline into an empty ``store``: live at ``now`` (aware; whole-day
    shift, steps up to now), or on its real dates up to ``as_of`` (see the module)."""
    data = load_timeline(path)
    steps = sorted(data["timeline"], key=_at)
    if as_of is None:
        shift = live_shift(steps, now)
        cutoff = now - LIVE_LAG
    else:
        shift, cutoff = DayShift(0), as_of
    steps = [s for s in steps if shift.instant(_at(s)) <= cutoff]
    actors = {
        key: Actor(a["name"], StaffFunction(a["function"])) for key, a in data["actors"].items()
    }
    refs: dict[str, str] = {}
    for raw in steps:
        step = _filled(raw, shift)
        at = shift.instant(_at(step))
        svc = BoardService(store, actors[step["as"]], clock=fixed_clock(at))
        _apply(svc, step, refs, shift)
    return DemoResult(
        len(steps), shift.instant(_at(steps[0])), shift.instant(_at(steps[-1])), shift
    )


def _fields(raw: dict[str, Any], shift: DayShift) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in raw.items():
        is_time = key.endswith(("_at", "_since")) and isinstance(value, str)
        out[key] = _t(value, shift) if is_time else value
    if "prognosis_text" in out or "prognosis_at" in out:
        out["prognosis"] = Prognosis(out.pop("prognosis_at", None), out.pop("prognosis_text", ""))
    return out


def _apply(svc: BoardService, s: dict[str, Any], refs: dict[str, str], shift: DayShift) -> None:
    op = s["do"]
    if op == "event.start":
        svc.start_event(
            s["name"], exercise=s.get("exercise", False), started_at=_t(s["started"], shift)
        )
    elif op == "level.set":
        svc.set_level(
            ReadinessLevel(s["level"]),
            reason=s["reason"],
            decided_by=s["decided_by"],
            scope=s.get("scope"),
            decided_at=_t(s.get("decided"), shift),
        )
    elif op == "log":
        svc.add_entry(
            s["text"],
            category=EntryCategory(s.get("category", "information")),
            occurred_at=_t(s.get("occurred"), shift),
            medium=Medium(s["medium"]) if s.get("medium") else None,
            from_party=s.get("from", ""),
            to_party=s.get("to", ""),
        )
    elif op == "system.add":
        fields = _fields(s.get("fields", {}), shift)
        system = svc.add_system(
            s["name"], status=SystemStatus(s["status"]), details=SystemPatch(**fields)
        )
        refs[s["key"]] = system.value.id
    elif op == "system.update":
        fields = _fields(s["fields"], shift)
        if "status" in fields:
            fields["status"] = SystemStatus(fields["status"])
        svc.update_system(refs[s["system"]], SystemPatch(**fields), comment=s.get("comment", ""))
    elif op == "action.add":
        action = svc.add_action(
            s["title"],
            ActionPatch(
                owner=s.get("owner", ""),
                due_at=_t(s.get("due"), shift),
                priority=Priority(s.get("priority", "normal")),
                status=ActionStatus(s.get("status", "open")),
                system_ref=refs.get(s.get("system", "")),
            ),
        )
        refs[s["key"]] = action.value.id
    elif op == "action.update":
        fields = _fields(s["fields"], shift)
        if "status" in fields:
            fields["status"] = ActionStatus(fields["status"])
        svc.update_action(refs[s["action"]], ActionPatch(**fields))
    elif op == "deadline.start":
        deadline = svc.start_deadline(
            DeadlineKind(s["kind"]), aware_at=_t(s["aware"], shift), title=s.get("title", "")
        )
        refs[s["key"]] = deadline.value.id
    elif op == "deadline.report":
        svc.report_deadline(
            refs[s["deadline"]], reported_at=_t(s.get("reported"), shift), reference=s["reference"]
        )
    elif op == "briefing.add":
        at = _t(s["time"], shift)
        assert at is not None
        svc.add_briefing(at, s.get("title", "Stabsorientering"))
    elif op == "handover":
        svc.sign_handover(s["from"], s["to"], note=s.get("note", ""))
    else:
        raise ValueError(f"unknown demo step {op!r}")
