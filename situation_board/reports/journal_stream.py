"""The journal as ``log list`` and ``show --json`` print it, row by row, from the stored form.

A journal of 100,000 entries is printed without building it in memory (entries nor document), and
without the per-entry cost of full domain objects: the rows come as stored
(``store.queries.journal_export_rows``) and each becomes its text here. The output is exactly
that of the entry functions it stands for — ``board_json.entry_json`` under ``json.dumps(...,
ensure_ascii=False, indent=2)``, and ``cli.output.entry_line`` — which tests compare.

Stored times are UTC text; Stockholm's offset is a whole number of hours, so a stored time's
local form depends only on its date and hour: converted once per hour (``LocalTimes``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from json.encoder import encode_basestring
from typing import Any, NamedTuple

from situation_board.domain.enums import EntryCategory, Medium
from situation_board.domain.text import visible
from situation_board.domain.timeutil import fmt_cldr, is_ambiguous_local, local, offset_text
from situation_board.i18n import _


class _Hour(NamedTuple):
    """One stored (UTC) hour in Stockholm time."""

    iso: str  # 2024-01-22T14
    day_hour: str  # 2024-01-22 14
    hour: str  # 14
    offset: str  # +01:00
    ambiguous: bool  # the repeated October hour
    date: date


class LocalTimes:
    """Stored UTC times (``YYYY-MM-DD HH:MM:SS.ffffff``) in Stockholm time, memoised per hour
    (and CLDR date names per day)."""

    def __init__(self, language: str = "sv") -> None:
        self.language = language
        self._hours: dict[str, _Hour] = {}
        self._days: dict[date, str] = {}

    @staticmethod
    def instant(stored: str) -> datetime:
        return datetime.fromisoformat(stored).replace(tzinfo=UTC)

    def _hour(self, stored: str) -> _Hour:
        key = stored[:13]
        found = self._hours.get(key)
        if found is None:
            instant = self.instant(key + ":00:00")
            when = local(instant)
            found = self._hours[key] = _Hour(
                f"{when:%Y-%m-%dT%H}",
                f"{when:%Y-%m-%d %H}",
                f"{when:%H}",
                offset_text(instant),
                is_ambiguous_local(instant),
                when.date(),
            )
        return found

    def iso(self, stored: str) -> str:
        """``2024-01-22T14:05:00+01:00`` (``timeutil.iso``)."""
        if len(stored) < 19:
            return str(local(self.instant(stored)).isoformat(timespec="seconds"))
        h = self._hour(stored)
        return f"{h.iso}{stored[13:19]}{h.offset}"

    def datetime_text(self, stored: str) -> str:
        """``2024-01-22 14:05 +01:00`` (``timeutil.fmt_datetime``)."""
        h = self._hour(stored)
        return f"{h.day_hour}{stored[13:16]} {h.offset}"

    def short(self, stored: str) -> str:
        """``22 jan. 14:05`` (``timeutil.fmt_short``: CLDR month names, the offset added in
        the repeated October hour)."""
        h = self._hour(stored)
        day = self._days.get(h.date)
        if day is None:
            day = self._days[h.date] = fmt_cldr(self.instant(stored), "d MMM", self.language)
        text = f"{day} {h.hour}{stored[13:16]}"
        return f"{text} {h.offset}" if h.ambiguous else text


_MINUTE = timedelta(minutes=1)


def _differ(occurred: str, recorded: str) -> bool:
    """``JournalEntry.times_differ`` on stored times (more than a minute apart)."""
    if occurred[:16] == recorded[:16]:
        return False
    a, b = datetime.fromisoformat(occurred), datetime.fromisoformat(recorded)
    return abs(b - a) > _MINUTE


def _entry_template(pad: str, exercise: bool | None) -> str:
    inner = pad + "  "
    keys = (
        "id",
        "number",
        "occurred_at",
        "recorded_at",
        "author",
        "function",
        "category",
        "category_label",
        "medium",
        "from",
        "to",
        "text",
        "corrects",
        "hidden_from_wall",
    )
    body = ",\n".join(f'{inner}"{k}": {{{i}}}' for i, k in enumerate(keys))
    if exercise is not None:  # the journal's own exports carry the event's exercise flag
        flag = "true" if exercise else "false"
        body += f',\n{inner}"exercise": {flag}'
    return f"{pad}{{{{\n{body}\n{pad}}}}}"


def entries_json(
    rows: Iterable[tuple[Any, ...]], *, pad: str = "", exercise: bool | None = None
) -> Iterator[str]:
    """Each entry of ``rows`` (``journal_export_rows``) as the JSON object of ``entry_json``
    (with ``exercise`` as there), indented as ``json.dumps(ensure_ascii=False, indent=2)``
    writes it at depth ``pad``."""
    template = _entry_template(pad, exercise).format
    times = LocalTimes()
    quote = encode_basestring  # json.dumps(text, ensure_ascii=False), in C
    categories = {c.value: (quote(c.value), quote(c.sv)) for c in EntryCategory}
    media = {m.value: quote(m.value) for m in Medium}
    functions: dict[str, str] = {}
    for r in rows:
        category, label = categories[r[6]]
        function = functions.get(r[5]) or functions.setdefault(r[5], quote(r[5]))
        yield template(
            quote(r[0]),
            quote(r[1]),
            f'"{times.iso(r[2])}"',
            f'"{times.iso(r[3])}"',
            quote(r[4]),
            function,
            category,
            label,
            media[r[7]] if r[7] else "null",
            quote(r[8]),
            quote(r[9]),
            quote(r[10]),
            quote(r[11]) if r[11] else "null",
            "true" if r[12] else "false",
        )


def json_array(items: Iterable[str], *, pad: str = "") -> Iterator[str]:
    """The array of ``items`` (each already indented by ``pad`` + two spaces) as
    ``json.dumps(indent=2)`` writes it at depth ``pad``: ``[]`` when empty."""
    first = True
    for item in items:
        yield ("[\n" if first else ",\n") + item
        first = False
    yield "[]" if first else f"\n{pad}]"


ENTRY_INDENT = " " * 11
"""The indent of an entry's continuation lines in ``log list`` (under the text after the number)."""


def entry_lines(rows: Iterable[tuple[Any, ...]], language: str) -> Iterator[str]:
    """Each entry of ``rows`` (``journal_export_rows``) as ``cli.output.entry_line`` writes it."""
    times = LocalTimes(language)
    labels = {c.value: c.label(language) for c in EntryCategory}
    rec, fix = _("rec. {0}"), _("corrects {0}")
    for r in rows:
        when = times.datetime_text(r[2])
        if _differ(r[2], r[3]):
            when += " (" + rec.format(times.short(r[3])) + ")"
        parties = f" {r[8]}→{r[9]}" if (r[8] or r[9]) else ""
        corrects = " [" + fix.format(r[11][-8:]) + "]" if r[11] else ""
        head = visible(f"{r[1]:9}  {when}  [{labels[r[6]]}]{parties}", one_line=True)
        text = visible(r[10]).replace("\n", "\n" + ENTRY_INDENT)
        yield f"{head} {text}{corrects}"
