"""Lägesbild: a situation report in MSB's structure, pre-filled from the board; no Qt here.

Six sections — händelsen, konsekvenser, åtgärder, resurser, aktörer, bedömning och prognos — each
with *facts* taken from the board (event, beredskapsläge, systems, actions, deadlines, journal) and
a free text the staff complete (``staff_text``). ``situation_report_text`` gives plain text to paste
into WIS or an e-mail to länsstyrelsen/Socialstyrelsen; ``reports/documents.py`` prints it. An
empty free-text section says so ("att fylla i av staben"), so a half-finished report cannot pass
for a finished one. The report is written in the language it was built in (``language``).

The lägesbild leaves the command room, so it is built from what may leave it
(``reports.privacy``): no journal entry hidden from the wall, no text that looks like a personal
identity number; ``withheld`` counts what was left out and the text says so. An exercise says
ÖVNING at its start and its end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from situation_board.domain.entities import Board, LevelDecision
from situation_board.domain.enums import EntryCategory, ReadinessLevel
from situation_board.domain.text import text_key
from situation_board.domain.timeutil import fmt_datetime
from situation_board.i18n import N_
from situation_board.reports.brief import action_line
from situation_board.reports.lang import Lang
from situation_board.reports.privacy import (
    Withheld,
    outgoing_board,
    outgoing_lines,
    withheld_note,
)

SECTIONS: tuple[tuple[str, str, str], ...] = (  # key, title, guidance (msgids)
    (
        "handelsen",
        N_("The event"),
        N_("What has happened, where and when? Course of events since the last report."),
    ),
    (
        "konsekvenser",
        N_("Consequences"),
        N_("Consequences for patients, care and operations, staff and the public."),
    ),
    ("atgarder", N_("Actions"), N_("Actions taken and planned, decisions.")),
    (
        "resurser",
        N_("Resources"),
        N_("Own resources, reserve routines, need of support or reinforcement."),
    ),
    ("aktorer", N_("Actors"), N_("Cooperating actors and ways to reach them.")),
    (
        "bedomning",
        N_("Assessment and prognosis"),
        N_("How may the event develop? What does the recipient need to know or do?"),
    ),
)
SECTION_KEYS: tuple[str, ...] = tuple(key for key, _, _ in SECTIONS)
TO_FILL_MSG = N_("[To be completed by the staff]")
TO_FILL = "[Att fylla i av staben]"  # TO_FILL_MSG in Swedish (the default language)
SENDER_MSG = N_("Regional special healthcare command (RSSL)")
DEFAULT_SCOPE = "Regionen"
MAX_SIGNIFICANT = 6
MAX_DONE = 5


@dataclass(frozen=True, slots=True)
class ReportSection:
    """One MSB section: facts from the board and the staff's own text."""

    key: str
    title: str
    guidance: str
    facts: tuple[str, ...]
    staff_text: str = ""


@dataclass(frozen=True, slots=True)
class SituationReport:
    """A lägesbild at one instant."""

    event_name: str
    exercise: bool
    station: str
    generated_at: datetime
    sender: str
    level: ReadinessLevel
    level_line: str
    next_report: str
    sections: tuple[ReportSection, ...]
    contact: str = ""
    withheld: Withheld = field(default_factory=Withheld)
    """What the report left out (entries hidden from the wall, personal identity numbers)."""
    language: str = "sv"  # the language of the labels and facts (``sv``/``en``)

    @property
    def to_fill(self) -> str:
        """``[Att fylla i av staben]`` in the report's language: the mark of a blank."""
        return Lang(self.language).gettext(TO_FILL_MSG)

    def section(self, key: str) -> ReportSection:
        """The section with ``key``; ``KeyError`` for an unknown key."""
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def with_text(self, key: str, text: str) -> SituationReport:
        """A copy with ``text`` as the staff's text of section ``key``."""
        self.section(key)  # KeyError for an unknown section
        sections = tuple(
            replace(s, staff_text=text.strip()) if s.key == key else s for s in self.sections
        )
        return replace(self, sections=sections)

    @property
    def incomplete(self) -> tuple[str, ...]:
        """Keys of the sections the staff have not completed yet."""
        return tuple(s.key for s in self.sections if not s.staff_text)


def _unique(items: Sequence[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:
        text = item.strip()
        if text and text_key(text) not in {text_key(k) for k in seen}:
            seen[text] = None
    return tuple(seen)


def _facts(board: Board, history: Sequence[LevelDecision], lang: Lang) -> dict[str, list[str]]:
    assert board.event is not None
    _ = lang.gettext
    now = board.as_of
    e = board.event
    facts: dict[str, list[str]] = {key: [] for key in SECTION_KEYS}

    started = _("Event: {name}, started {at}.").format(name=e.name, at=fmt_datetime(e.started_at))
    facts["handelsen"].append((_("EXERCISE") + ". " if e.exercise else "") + started)
    if e.closed_at:
        facts["handelsen"].append(
            _("Closed {at}: {reason}").format(
                at=fmt_datetime(e.closed_at), reason=e.close_reason or ""
            )
        )
    for d in history:
        facts["handelsen"].append(
            _("{at} decision on {level} ({scope}) by {who}: {reason}").format(
                at=lang.short(d.decided_at),
                level=lang.label(d.level),
                scope=d.scope,
                who=d.decided_by,
                reason=d.reason,
            )
        )
    user_sig = [
        j
        for j in board.journal
        if j.category in (EntryCategory.DECISION, EntryCategory.SIGNIFICANT)
    ]
    for j in user_sig[-MAX_SIGNIFICANT:]:
        facts["handelsen"].append(f"{lang.short(j.occurred_at)} {lang.label(j.category)}: {j.text}")

    for s in board.systems:
        processes = f" ({s.processes})" if s.processes else ""
        since = " " + _("since {0}").format(lang.short(s.status_since)) if s.status_since else ""
        line = f"{s.name}{processes}: {lang.label(s.status)}{since}."
        if s.personal_data_affected:
            line += " " + _("Personal data may be affected.")
        facts["konsekvenser"].append(line)

    for a in board.open_actions():
        facts["atgarder"].append(_("Planned/in progress: {0}").format(action_line(a, now, lang)))
    done = [a for a in board.actions if a.status.is_closed]
    done.sort(key=lambda a: a.closed_at or now)
    for a in done[-MAX_DONE:]:
        facts["atgarder"].append(f"{lang.label(a.status)} {lang.short(a.closed_at)}: {a.title}")
    for clock in board.deadlines:
        line = f"{clock.title}: {lang.label(clock.status(now))}"
        if clock.reported_at:
            ref = f", {clock.reference}" if clock.reference else ""
            line += f" {lang.short(clock.reported_at)}{ref}"
        else:
            line += ", " + _("due {0}").format(fmt_datetime(clock.due_at))
        facts["atgarder"].append(line + ".")

    for s in board.systems:
        if s.reserve_routine_active:
            since = (
                " " + _("since {0}").format(lang.short(s.reserve_routine_since))
                if s.reserve_routine_since
                else ""
            )
            facts["resurser"].append(
                _("Reserve routine active for {name}{since}: {routine}").format(
                    name=s.name, since=since, routine=s.reserve_routine or "–"
                )
            )
        if s.workaround:
            facts["resurser"].append(
                _("Alternative solution for {name}: {text}").format(name=s.name, text=s.workaround)
            )

    parties: list[str] = [s.supplier for s in board.systems]
    parties += [a.owner for a in board.actions]
    for j in board.journal:
        parties += [j.from_party, j.to_party]
    facts["aktorer"] = list(_unique(parties))

    for s in board.systems:
        prognosis = fmt_datetime(s.prognosis_at) if s.prognosis_at else s.prognosis_text
        line = _("{name}: prognosis {prognosis}").format(
            name=s.name, prognosis=prognosis or _("missing (no prognosis)")
        )
        if s.next_update_at:
            line += "; " + _("next update {0}").format(lang.short(s.next_update_at))
        facts["bedomning"].append(line + ".")
    return facts


def build_situation_report(
    board: Board,
    history: Sequence[LevelDecision],
    *,
    staff_text: Mapping[str, str] | None = None,
    contact: str = "",
    language: str | None = None,
) -> SituationReport:
    """The lägesbild of ``board`` now, in ``language`` (``sv``/``en``; ``None``: the UI
    language); ``staff_text`` maps section keys to the staff's text.

    Raises ``ValueError`` when the board has no event, ``KeyError`` for an unknown section key.
    """
    if board.event is None:
        raise ValueError("no event")
    lang = Lang.of(language)
    _ = lang.gettext
    texts = dict(staff_text or {})
    unknown = set(texts) - set(SECTION_KEYS)
    if unknown:
        raise KeyError(sorted(unknown)[0])
    event = board.event
    board, withheld = outgoing_board(board)
    facts: dict[str, tuple[str, ...]] = {}
    for key, lines in _facts(board, history, lang).items():
        facts[key], dropped = outgoing_lines(lines)
        withheld += dropped
    level = board.level
    if level is not None:
        level_line = _("{level} ({scope}) since {since}, decided by {who}").format(
            level=lang.label(level.level),
            scope=level.scope,
            since=fmt_datetime(level.decided_at),
            who=level.decided_by,
        )
        region = level.scope if level.scope != DEFAULT_SCOPE else ""
    else:
        level_line, region = lang.label(ReadinessLevel.NORMAL), ""
    briefing = board.next_briefing()
    sender = _(SENDER_MSG)
    return SituationReport(
        event_name=event.name,
        exercise=event.exercise,
        station=board.station.code,
        generated_at=board.as_of,
        sender=f"{sender}, {region}" if region else sender,
        level=board.current_level,
        level_line=level_line,
        next_report=(
            f"{briefing.title} {fmt_datetime(briefing.at)}" if briefing else _("Not planned")
        ),
        sections=tuple(
            ReportSection(key, _(title), _(guide), tuple(facts[key]), texts.get(key, "").strip())
            for key, title, guide in SECTIONS
        ),
        contact=contact.strip(),
        withheld=withheld,
        language=lang.code,
    )


def situation_report_text(report: SituationReport) -> str:
    """Plain text in the report's language for WIS or an e-mail: no markup, one fact a line."""
    _ = Lang(report.language).gettext
    exercise = _("EXERCISE")
    title = _("SITUATION REPORT – {0}").format(report.event_name)
    lines = [f"{title} – {exercise}" if report.exercise else title]
    if report.exercise:
        lines.append(f"{exercise} {exercise} {exercise}")
    lines.append(
        _("Sender: {sender}, station {station}").format(
            sender=report.sender, station=report.station
        )
    )
    lines.append(_("Drawn up: {0}").format(fmt_datetime(report.generated_at)))
    lines.append(_("Readiness level: {0}").format(report.level_line))
    lines.append(_("Next staff briefing: {0}").format(report.next_report))
    lines.append(_("Contact person: {0}").format(report.contact or report.to_fill))
    if report.withheld.total:
        lines.append(withheld_note(report.withheld, report.language))
    for number, s in enumerate(report.sections, start=1):
        lines.append("")
        lines.append(f"{number}. {s.title.upper()}")
        lines += [f"- {fact}" for fact in s.facts]
        if not s.facts:
            lines.append("- " + _("Nothing recorded on the board."))
        lines.append(_("The staff's addition:"))
        lines.append(s.staff_text if s.staff_text else f"{report.to_fill} {s.guidance}")
    if report.exercise:
        lines.extend(("", f"{exercise} {exercise} {exercise}"))
    return "\n".join(lines) + "\n"
