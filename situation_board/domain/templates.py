"""Event templates (händelsemallar): what a new event of a known kind starts with; pure parsing.

A template is a TOML file — the program's own in ``resources/templates/``, the region's in the
folder of the ``templates_dir`` setting — whose id is the file name without ``.toml``::

    name = "IT-avbrott hos leverantör"
    description = "…"

    [[systems]]                 # systems to check (status "unknown" unless given)
    name = "Utskrivning av patienter"
    supplier = "…"              # optional: processes, reserve_routine, personal_data = true
    [[actions]]                 # due_hours: due this long after the event's start
    title = "Aktivera reservrutiner"
    owner = "Verksamhetsområdescheferna"
    due_hours = 1
    priority = "high"           # optional; system = "<a [[systems]] name>" links it
    [[deadlines]]               # clocks to consider: start = true starts the clock at the
    kind = "imy_breach"         # event's start (awareness); otherwise an action asks the
    start = false               # staff to decide (owner, due_hours, title, hours for custom)
    [briefings]                 # the rhythm: daily = ["08:00", "13:00"] or every_hours = 4
    daily = ["08:00", "13:00", "16:00"]   # (first_after_hours; title)

A template holds no patient data: text that looks like a personal identity number is refused.
``parse_template`` checks everything and raises ``TemplateError`` naming the file and, where it
can tell, the line (TOML syntax errors carry their position; for a wrong value, the line of its
key in the table it belongs to).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any, TypeVar

from situation_board.domain.briefings import DEFAULT_TITLE, Recurrence, daily_at, every_hours
from situation_board.domain.enums import DeadlineKind, Labelled, Priority, SystemStatus
from situation_board.domain.errors import BoardError, ValidationError
from situation_board.domain.messages import MESSAGES, Text
from situation_board.domain.rules import MAX_NAME, MAX_TEXT, clean_text, looks_like_personnummer
from situation_board.domain.text import text_key
from situation_board.i18n import N_

MAX_DUE_HOURS = 24 * 31
E = TypeVar("E", bound=Labelled)
_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


class TemplateError(BoardError):
    """A template file that cannot be used: names the file (``path``) and the ``line``."""

    def __init__(
        self, path: str, line: int | None, reason: Text, *, key: str = "template_broken_file"
    ) -> None:
        if line is None:
            super().__init__(key, path=path, reason=reason)
        else:
            super().__init__("template_broken", path=path, line=line, reason=reason)
        self.path = path
        self.line = line


@dataclass(frozen=True, slots=True)
class SystemSeed:
    """A system to check."""

    name: str
    status: SystemStatus = SystemStatus.UNKNOWN
    supplier: str = ""
    processes: str = ""
    reserve_routine: str = ""
    personal_data: bool = False


@dataclass(frozen=True, slots=True)
class ActionSeed:
    """An action; due ``due_hours`` after the event's start (``None``: no due time)."""

    title: str
    owner: str = ""
    due_hours: float | None = None
    priority: Priority = Priority.NORMAL
    system: str | None = None


@dataclass(frozen=True, slots=True)
class DeadlineSeed:
    """A deadline clock to consider: started at the event's start (``start``), or an action
    for the staff to decide on."""

    kind: DeadlineKind
    start: bool = False
    title: str = ""
    owner: str = ""
    due_hours: float | None = None
    hours: float | None = None


@dataclass(frozen=True, slots=True)
class BriefingSeed:
    """The briefing rhythm from the event's start."""

    recurrence: Recurrence
    title: str = DEFAULT_TITLE
    first_after_hours: float | None = None


@dataclass(frozen=True, slots=True)
class EventTemplate:
    """One template, checked."""

    id: str
    name: str
    path: str
    description: str = ""
    systems: tuple[SystemSeed, ...] = ()
    actions: tuple[ActionSeed, ...] = ()
    deadlines: tuple[DeadlineSeed, ...] = ()
    briefing: BriefingSeed | None = None


_KEYS: dict[str, dict[str, str]] = {
    "": {
        "name": "text",
        "description": "text",
        "systems": "tables",
        "actions": "tables",
        "deadlines": "tables",
        "briefings": "table",
    },
    "systems": {
        "name": "text",
        "status": "text",
        "supplier": "text",
        "processes": "text",
        "reserve_routine": "text",
        "personal_data": "bool",
    },
    "actions": {
        "title": "text",
        "owner": "text",
        "due_hours": "number",
        "priority": "text",
        "system": "text",
    },
    "deadlines": {
        "kind": "text",
        "start": "bool",
        "title": "text",
        "owner": "text",
        "due_hours": "number",
        "hours": "number",
    },
    "briefings": {
        "title": "text",
        "daily": "texts",
        "every_hours": "number",
        "first_after_hours": "number",
    },
}
_KIND_WORDS = {
    "text": N_("a text"),
    "number": N_("a number"),
    "bool": N_("true or false"),
    "texts": N_("a list of texts"),
    "table": N_("a table ([name])"),
    "tables": N_("a list of tables ([[name]])"),
}


class _Reader:
    """Checks one file's parsed data, pointing errors at lines of its text."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def fail(self, table: str, index: int, key: str | None, reason: Text) -> TemplateError:
        return TemplateError(self.path, self.line_of(table, index, key), reason)

    def line_of(self, table: str, index: int, key: str | None) -> int | None:
        """The line of ``key`` in the ``index``-th ``[[table]]`` (or ``[table]``, or the top
        level for ``table == ""``); the table's header line when the key is not there."""
        current, count, header = "", -1, None
        key_re = re.compile(rf"^\s*{re.escape(key)}\s*=") if key else None
        for number, raw in enumerate(self.lines, start=1):
            line = raw.strip()
            if line.startswith("["):
                name = line.strip("[] \t").split("#")[0].strip().strip("[]")
                current = name
                if name == table:
                    count += 1
                    if count == index:
                        header = number
                continue
            in_place = current == table and (table == "" or count == index)
            if in_place and key_re is not None and key_re.match(raw):
                return number
        return header

    def check_keys(self, table: str, index: int, data: dict[str, Any]) -> None:
        known = _KEYS[table]
        for key, value in data.items():
            if key not in known:
                raise self.fail(table, index, key, Text(N_("unknown key “{key}”"), {"key": key}))
            if not _is(known[key], value):
                kind = Text(_KIND_WORDS[known[key]])
                raise self.fail(
                    table,
                    index,
                    key,
                    Text(N_("“{key}” must be {kind}"), {"key": key, "kind": kind}),
                )

    def text(
        self,
        table: str,
        index: int,
        data: dict[str, Any],
        key: str,
        *,
        required: bool = False,
        limit: int = MAX_NAME,
    ) -> str:
        try:  # the text rule of every other input (NFC, no control characters)
            value = clean_text(str(data.get(key, "")), key, one_line=limit <= MAX_NAME)
        except ValidationError:
            reason = Text(
                N_("“{key}” holds a control character or bytes that are not text"), {"key": key}
            )
            raise self.fail(table, index, key, reason) from None
        if required and not value:
            raise self.fail(table, index, None, Text(N_("“{key}” is missing"), {"key": key}))
        if len(value) > limit:
            raise self.fail(
                table,
                index,
                key,
                Text(
                    N_("“{key}” is too long (at most {limit} characters)"),
                    {"key": key, "limit": limit},
                ),
            )
        if looks_like_personnummer(value):
            raise self.fail(
                table,
                index,
                key,
                Text(
                    N_(
                        "“{key}” looks like it holds a personal identity number; templates hold "
                        "no patient data"
                    ),
                    {"key": key},
                ),
            )
        return value

    def hours(self, table: str, index: int, data: dict[str, Any], key: str) -> float | None:
        value = data.get(key)
        if value is None:
            return None
        if not 0 <= value <= MAX_DUE_HOURS:
            raise self.fail(
                table,
                index,
                key,
                Text(
                    N_("“{key}” must be between 0 and {limit} hours"),
                    {"key": key, "limit": MAX_DUE_HOURS},
                ),
            )
        return float(value)

    def choice(
        self, cls: type[E], table: str, index: int, data: dict[str, Any], key: str, *, default: E
    ) -> E:
        if key not in data:
            return default
        try:
            return cls.parse(str(data[key]))
        except ValueError:
            raise self.fail(
                table,
                index,
                key,
                Text(
                    N_("unknown value “{value}” for “{key}”; choose from: {choices}"),
                    {"value": data[key], "key": key, "choices": cls},
                ),
            ) from None


def _is(kind: str, value: Any) -> bool:
    if kind == "text":
        return isinstance(value, str)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "texts":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == "table":
        return isinstance(value, dict)
    return isinstance(value, list) and all(isinstance(v, dict) for v in value)


def parse_template(text: str, path: str, template_id: str) -> EventTemplate:
    """The template in ``text`` (the TOML of the file ``path``). Raises ``TemplateError``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _POSITION.search(message)
        detail = _POSITION.sub("", message)
        if match is None:
            reason = Text(N_("not valid TOML: {detail}"), {"detail": detail})
            raise TemplateError(path, None, reason) from None
        reason = Text(
            N_("not valid TOML (column {column}): {detail}"),
            {"column": int(match.group(2)), "detail": detail},
        )
        raise TemplateError(path, int(match.group(1)), reason) from None
    r = _Reader(path, text)
    r.check_keys("", 0, data)
    systems: list[SystemSeed] = []
    for i, raw in enumerate(data.get("systems", [])):
        r.check_keys("systems", i, raw)
        systems.append(
            SystemSeed(
                name=r.text("systems", i, raw, "name", required=True),
                status=r.choice(
                    SystemStatus, "systems", i, raw, "status", default=SystemStatus.UNKNOWN
                ),
                supplier=r.text("systems", i, raw, "supplier", limit=MAX_TEXT),
                processes=r.text("systems", i, raw, "processes", limit=MAX_TEXT),
                reserve_routine=r.text("systems", i, raw, "reserve_routine", limit=MAX_TEXT),
                personal_data=bool(raw.get("personal_data", False)),
            )
        )
    names = [text_key(s.name) for s in systems]  # as people read them
    for i, name in enumerate(names):
        if name in names[:i]:
            reason = Text(N_("the system “{name}” is listed twice"), {"name": systems[i].name})
            raise r.fail("systems", i, "name", reason)
    actions: list[ActionSeed] = []
    for i, raw in enumerate(data.get("actions", [])):
        r.check_keys("actions", i, raw)
        system = r.text("actions", i, raw, "system") or None
        if system is not None and text_key(system) not in names:
            reason = Text(N_("“{value}” is not one of the template's systems"), {"value": system})
            raise r.fail("actions", i, "system", reason)
        actions.append(
            ActionSeed(
                title=r.text("actions", i, raw, "title", required=True),
                owner=r.text("actions", i, raw, "owner"),
                due_hours=r.hours("actions", i, raw, "due_hours"),
                priority=r.choice(Priority, "actions", i, raw, "priority", default=Priority.NORMAL),
                system=system,
            )
        )
    deadlines: list[DeadlineSeed] = []
    for i, raw in enumerate(data.get("deadlines", [])):
        r.check_keys("deadlines", i, raw)
        if "kind" not in raw:
            raise r.fail("deadlines", i, None, Text(N_("“{key}” is missing"), {"key": "kind"}))
        kind = r.choice(DeadlineKind, "deadlines", i, raw, "kind", default=DeadlineKind.CUSTOM)
        seed = DeadlineSeed(
            kind=kind,
            start=bool(raw.get("start", False)),
            title=r.text("deadlines", i, raw, "title"),
            owner=r.text("deadlines", i, raw, "owner"),
            due_hours=r.hours("deadlines", i, raw, "due_hours"),
            hours=r.hours("deadlines", i, raw, "hours"),
        )
        if seed.start and kind in (DeadlineKind.POLICE_REPORT, DeadlineKind.IMY_SUPPLEMENT):
            reason = Text(
                N_("a “{kind}” clock has no statutory time and cannot start by itself"),
                {"kind": kind},
            )
            raise r.fail("deadlines", i, "start", reason)
        if seed.start and kind is DeadlineKind.CUSTOM and (not seed.title or seed.hours is None):
            reason = Text(N_("a custom clock that starts needs “title” and “hours”"))
            raise r.fail("deadlines", i, "start", reason)
        deadlines.append(seed)
    briefing = None
    if "briefings" in data:
        raw = data["briefings"]
        r.check_keys("briefings", 0, raw)
        briefing = _briefing(r, raw)
    return EventTemplate(
        id=template_id,
        name=r.text("", 0, data, "name", required=True),
        path=path,
        description=r.text("", 0, data, "description", limit=MAX_TEXT),
        systems=tuple(systems),
        actions=tuple(actions),
        deadlines=tuple(deadlines),
        briefing=briefing,
    )


def _briefing(r: _Reader, raw: dict[str, Any]) -> BriefingSeed:
    if ("daily" in raw) == ("every_hours" in raw):
        reason = Text(N_("give either “daily” or “every_hours”"))
        raise r.fail("briefings", 0, None, reason)
    try:
        if "daily" in raw:
            recurrence = daily_at(",".join(raw["daily"]))
        else:
            value = raw["every_hours"]
            if not isinstance(value, int):
                raise ValidationError("bad_every_hours", value=str(value), limit=48)
            recurrence = every_hours(value)
    except ValidationError as exc:
        key = "daily" if "daily" in raw else "every_hours"
        raise r.fail("briefings", 0, key, Text(MESSAGES[exc.key], exc.params)) from None
    return BriefingSeed(
        recurrence=recurrence,
        title=r.text("briefings", 0, raw, "title") or DEFAULT_TITLE,
        first_after_hours=r.hours("briefings", 0, raw, "first_after_hours"),
    )
