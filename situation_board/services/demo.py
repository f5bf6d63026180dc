"""The demo board: replays the January 2024 case (``resources/demo/*.json``) through the services.

The timeline is data, not code. Each step has a recording time ``at`` and an actor; the replay
runs every step through the same use cases a user would, with the clock set to that step's time,
so the demo board is built exactly like a real one (system journal entries, outbox, HLC).

``shift_to_now`` moves the whole timeline so its last step is a few minutes old; ``as_of`` keeps
the real dates and leaves out steps after that instant.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
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
from situation_board.domain.timeutil import utc
from situation_board.resources import resource
from situation_board.services import BoardService
from situation_board.store.database import LocalStore

DEMO_FILE = resource("demo", "tietoevry-2024.json")
LIVE_LAG = timedelta(minutes=4)


@dataclass(frozen=True, slots=True)
class DemoResult:
    steps: int
    first_at: datetime
    last_at: datetime
    shift: timedelta


def _t(value: str | None, shift: timedelta) -> datetime | None:
    return None if value is None else utc(datetime.fromisoformat(value)) + shift


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
    """Replay the demo timeline into an empty ``store``."""
    data = load_timeline(path)
    steps = sorted(data["timeline"], key=lambda s: s["at"])
    last = utc(datetime.fromisoformat(steps[-1]["at"]))
    if as_of is None:
        shift = now - LIVE_LAG - last
        shift = timedelta(minutes=int(shift.total_seconds() // 60))
    else:
        shift = timedelta(0)
        steps = [s for s in steps if utc(datetime.fromisoformat(s["at"])) <= as_of]
    actors = {
        key: Actor(a["name"], StaffFunction(a["function"])) for key, a in data["actors"].items()
    }
    refs: dict[str, str] = {}
    for step in steps:
        at = _t(step["at"], shift)
        assert at is not None
        svc = BoardService(store, actors[step["as"]], clock=fixed_clock(at))
        _apply(svc, step, refs, shift)
    first = utc(datetime.fromisoformat(steps[0]["at"])) + shift
    return DemoResult(
        len(steps), first, utc(datetime.fromisoformat(steps[-1]["at"])) + shift, shift
    )


def _fields(raw: dict[str, Any], shift: timedelta) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in raw.items():
        is_time = key.endswith(("_at", "_since")) and isinstance(value, str)
        out[key] = _t(value, shift) if is_time else value
    if "prognosis_text" in out or "prognosis_at" in out:
        out["prognosis"] = Prognosis(out.pop("prognosis_at", None), out.pop("prognosis_text", ""))
    return out


def _apply(svc: BoardService, s: dict[str, Any], refs: dict[str, str], shift: timedelta) -> None:
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
