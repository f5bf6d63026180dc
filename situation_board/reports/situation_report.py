"""Lägesbild: a situation report in MSB's structure, pre-filled from the board; no Qt here.

Six sections — händelsen, konsekvenser, åtgärder, resurser, aktörer, bedömning och prognos — each
with *facts* taken from the board (event, beredskapsläge, systems, actions, deadlines, journal) and
a free text the staff complete (``staff_text``). ``situation_report_text`` gives plain text to paste
into WIS or an e-mail to länsstyrelsen/Socialstyrelsen; ``reports/html.py`` and ``reports/pdf.py``
print it. An empty free-text section says so ("att fylla i av staben"), so a half-finished report
cannot pass for a finished one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from situation_board.domain.entities import Board, LevelDecision
from situation_board.domain.enums import EntryCategory, ReadinessLevel
from situation_board.domain.text import text_key
from situation_board.domain.timeutil import fmt_datetime, fmt_short
from situation_board.reports.brief import action_line

SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("handelsen", "Händelsen", "Vad har hänt, var och när? Förlopp sedan förra lägesbilden."),
    (
        "konsekvenser",
        "Konsekvenser",
        "Konsekvenser för patienter, vård och verksamhet, medarbetare och allmänhet.",
    ),
    ("atgarder", "Åtgärder", "Vidtagna och planerade åtgärder, beslut."),
    ("resurser", "Resurser", "Egna resurser, reservrutiner, behov av stöd eller förstärkning."),
    ("aktorer", "Aktörer", "Samverkande aktörer och kontaktvägar."),
    (
        "bedomning",
        "Bedömning och prognos",
        "Hur kan händelsen utvecklas? Vad behöver mottagaren veta eller göra?",
    ),
)
SECTION_KEYS: tuple[str, ...] = tuple(key for key, _, _ in SECTIONS)
TO_FILL = "[Att fylla i av staben]"
SENDER = "Regional särskild sjukvårdsledning (RSSL)"
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

    def section(self, key: str) -> ReportSection:
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


def _facts(board: Board, history: Sequence[LevelDecision]) -> dict[str, list[str]]:
    assert board.event is not None
    now = board.as_of
    e = board.event
    facts: dict[str, list[str]] = {key: [] for key in SECTION_KEYS}

    started = f"Händelse: {e.name}, startad {fmt_datetime(e.started_at)}."
    facts["handelsen"].append(("ÖVNING. " if e.exercise else "") + started)
    if e.closed_at:
        facts["handelsen"].append(f"Avslutad {fmt_datetime(e.closed_at)}: {e.close_reason or ''}")
    for d in history:
        facts["handelsen"].append(
            f"{fmt_short(d.decided_at)} beslut om {d.level.sv} ({d.scope}) av {d.decided_by}: "
            f"{d.reason}"
        )
    user_sig = [
        j
        for j in board.journal
        if j.category in (EntryCategory.DECISION, EntryCategory.SIGNIFICANT)
    ]
    for j in user_sig[-MAX_SIGNIFICANT:]:
        facts["handelsen"].append(f"{fmt_short(j.occurred_at)} {j.category.sv}: {j.text}")

    for s in board.systems:
        processes = f" ({s.processes})" if s.processes else ""
        since = f" sedan {fmt_short(s.status_since)}" if s.status_since else ""
        line = f"{s.name}{processes}: {s.status.sv}{since}."
        if s.personal_data_affected:
            line += " Personuppgifter kan vara berörda."
        facts["konsekvenser"].append(line)

    for a in board.open_actions():
        facts["atgarder"].append("Planerad/pågående: " + action_line(a, now))
    done = [a for a in board.actions if a.status.is_closed]
    done.sort(key=lambda a: a.closed_at or now)
    for a in done[-MAX_DONE:]:
        facts["atgarder"].append(f"{a.status.sv} {fmt_short(a.closed_at)}: {a.title}")
    for clock in board.deadlines:
        line = f"{clock.title}: {clock.status(now).sv}"
        if clock.reported_at:
            ref = f", {clock.reference}" if clock.reference else ""
            line += f" {fmt_short(clock.reported_at)}{ref}"
        else:
            line += f", senast {fmt_datetime(clock.due_at)}"
        facts["atgarder"].append(line + ".")

    for s in board.systems:
        if s.reserve_routine_active:
            since = (
                f" sedan {fmt_short(s.reserve_routine_since)}" if s.reserve_routine_since else ""
            )
            facts["resurser"].append(
                f"Reservrutin aktiv för {s.name}{since}: {s.reserve_routine or '–'}"
            )
        if s.workaround:
            facts["resurser"].append(f"Alternativ lösning för {s.name}: {s.workaround}")

    parties: list[str] = [s.supplier for s in board.systems]
    parties += [a.owner for a in board.actions]
    for j in board.journal:
        parties += [j.from_party, j.to_party]
    facts["aktorer"] = list(_unique(parties))

    for s in board.systems:
        prognosis = fmt_datetime(s.prognosis_at) if s.prognosis_at else s.prognosis_text
        line = f"{s.name}: prognos {prognosis or 'saknas (ingen prognos)'}"
        if s.next_update_at:
            line += f"; nästa uppdatering {fmt_short(s.next_update_at)}"
        facts["bedomning"].append(line + ".")
    return facts


def build_situation_report(
    board: Board,
    history: Sequence[LevelDecision],
    *,
    staff_text: Mapping[str, str] | None = None,
    contact: str = "",
) -> SituationReport:
    """The lägesbild of ``board`` now; ``staff_text`` maps section keys to the staff's text."""
    if board.event is None:
        raise ValueError("no event")
    texts = dict(staff_text or {})
    unknown = set(texts) - set(SECTION_KEYS)
    if unknown:
        raise KeyError(sorted(unknown)[0])
    facts = _facts(board, history)
    level = board.level
    if level is not None:
        level_line = (
            f"{level.level.sv} ({level.scope}) sedan {fmt_datetime(level.decided_at)}, "
            f"beslut av {level.decided_by}"
        )
        region = level.scope if level.scope != DEFAULT_SCOPE else ""
    else:
        level_line, region = ReadinessLevel.NORMAL.sv, ""
    briefing = board.next_briefing()
    return SituationReport(
        event_name=board.event.name,
        exercise=board.event.exercise,
        station=board.station.code,
        generated_at=board.as_of,
        sender=f"{SENDER}, {region}" if region else SENDER,
        level=board.current_level,
        level_line=level_line,
        next_report=(
            f"{briefing.title} {fmt_datetime(briefing.at)}" if briefing else "Ej planerad"
        ),
        sections=tuple(
            ReportSection(key, title, guide, tuple(facts[key]), texts.get(key, "").strip())
            for key, title, guide in SECTIONS
        ),
        contact=contact.strip(),
    )


def situation_report_text(report: SituationReport) -> str:
    """Plain Swedish text for WIS or an e-mail: no markup, one fact per line."""
    title = f"LÄGESBILD – {report.event_name}"
    lines = [f"{title} – ÖVNING" if report.exercise else title]
    if report.exercise:
        lines.append("ÖVNING ÖVNING ÖVNING")
    lines.append(f"Avsändare: {report.sender}, station {report.station}")
    lines.append(f"Upprättad: {fmt_datetime(report.generated_at)}")
    lines.append(f"Beredskapsläge: {report.level_line}")
    lines.append(f"Nästa stabsorientering: {report.next_report}")
    lines.append(f"Kontaktperson: {report.contact or TO_FILL}")
    for number, s in enumerate(report.sections, start=1):
        lines.append("")
        lines.append(f"{number}. {s.title.upper()}")
        for fact in s.facts:
            lines.append(f"- {fact}")
        if not s.facts:
            lines.append("- Inget registrerat på lägesbilden.")
        lines.append("Stabens komplettering:")
        lines.append(s.staff_text if s.staff_text else f"{TO_FILL} {s.guidance}")
    return "\n".join(lines) + "\n"
