"""Handlers of the CLI commands (``cli.py`` holds the parser): parse input, call the services,
print the result. Every handler returns the exit status; ``BoardError`` becomes status 2 in ``main``.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from situation_board import config
from situation_board.domain.clock import system_clock
from situation_board.domain.entities import Actor, Board, JournalEntry
from situation_board.domain.enums import (
    ActionStatus,
    DeadlineKind,
    EntryCategory,
    Labelled,
    Medium,
    Priority,
    ReadinessLevel,
    StaffFunction,
    SystemStatus,
)
from situation_board.domain.errors import BoardError, ValidationError
from situation_board.domain.ids import short_id
from situation_board.domain.rules import parse_enum
from situation_board.domain.timeutil import fmt_datetime, fmt_short, looks_like_time, parse_instant
from situation_board.messages import render

NO_PROGNOSIS = frozenset({"", "ingen", "ingen prognos", "none", "no prognosis", "-"})


@dataclass
class Context:
    """What a command needs: parsed arguments, settings, language, and lazily the store."""

    args: argparse.Namespace
    settings: config.Settings
    language: str
    _store: Any = None
    demo: bool = False  # the demo board: never synced with a configured store

    def t(self, sv: str, en: str) -> str:
        return en if self.language == "en" else sv

    @property
    def db_path(self) -> Path:
        if self.args.db:
            return Path(self.args.db)
        return Path(self.settings.db) if self.settings.db else config.default_db()

    @property
    def station_code(self) -> str | None:
        code: str | None = self.args.station or self.settings.station
        return code

    def store(self) -> Any:
        if self._store is None:
            from situation_board.store.database import LocalStore  # noqa: PLC0415

            self._store = LocalStore.open(self.db_path, station=self.station_code)
        return self._store

    def actor(self) -> Actor:
        name = self.args.user or self.settings.user or os.environ.get("USER") or getpass.getuser()
        return Actor(name=name, function=StaffFunction.parse(self.settings.function))

    def service(self) -> Any:
        from situation_board.services import BoardService  # noqa: PLC0415

        return BoardService(self.store(), self.actor())

    def when(self, text: str | None, field: str) -> datetime | None:
        return None if text is None else parse_instant(text, system_clock(), field)

    def enum(self, cls: type[Labelled], value: str | None, field: str) -> Any:
        return None if value is None else parse_enum(cls, value, field)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _prognosis(text: str | None) -> dict[str, Any]:
    """``--prognosis``: an instant, a free text, or "ingen" (explicitly no prognosis)."""
    if text is None:
        return {}
    stripped = text.strip()
    if stripped.casefold() in NO_PROGNOSIS:
        return {"prognosis_at": None, "prognosis_text": ""}
    try:
        at = parse_instant(stripped, system_clock(), "prognosis")
    except ValidationError as exc:
        if exc.key in ("absurd_date", "ambiguous_time", "nonexistent_time"):
            raise
        if looks_like_time(stripped):  # "2024-13-45" is a typo, not a prognosis in words
            raise
        return {"prognosis_at": None, "prognosis_text": stripped}
    return {"prognosis_at": at, "prognosis_text": ""}


def _system_fields(ctx: Context) -> dict[str, Any]:
    a = ctx.args
    fields: dict[str, Any] = {
        key: getattr(a, key)
        for key in ("supplier", "processes", "reserve_routine", "workaround")
        if getattr(a, key) is not None
    }
    if a.reserve_active is not None:
        fields["reserve_routine_active"] = a.reserve_active
    if a.personal_data is not None:
        fields["personal_data_affected"] = a.personal_data
    if a.next_update is not None:
        fields["next_update_at"] = ctx.when(a.next_update, "next_update")
    fields.update(_prognosis(a.prognosis))
    return fields


# ---------------------------------------------------------------------- windows


def cmd_window(ctx: Context) -> int:
    """No command: open the workstation window (prints the board until the window exists)."""
    try:
        from situation_board.ui.app import run_workstation  # noqa: PLC0415
    except ImportError:
        return cmd_show(ctx)
    return int(run_workstation(ctx))


def cmd_wall(ctx: Context) -> int:
    try:
        from situation_board.ui.wall import run_wall  # noqa: PLC0415
    except ImportError:
        return cmd_show(ctx)
    return int(run_wall(ctx))


def cmd_demo(ctx: Context) -> int:
    from situation_board.services.demo import build_demo  # noqa: PLC0415
    from situation_board.store.database import LocalStore  # noqa: PLC0415

    as_of = ctx.when(ctx.args.as_of, "time")
    path = ctx.db_path if (ctx.args.db or ctx.settings.db) else config.demo_db()
    if not (ctx.args.db or ctx.settings.db) and path.exists():
        for suffix in ("", "-wal", "-shm"):  # the default demo board is rebuilt every time
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    elif path.exists() and path.stat().st_size > 0:
        probe = LocalStore.open(path, station=ctx.station_code)
        try:
            from situation_board.store import queries  # noqa: PLC0415

            with probe.read() as conn:
                has_data = bool(queries.all_events(conn))
        finally:
            probe.close()
        if has_data:
            raise BoardError("demo_exists", path=str(path))
    ctx.args.db = str(path)
    store = ctx.store()
    result = build_demo(store, now=system_clock(), as_of=as_of)
    print(
        ctx.t(
            f"Demotavla skapad i {path}: {result.steps} steg, "
            f"{fmt_datetime(result.first_at)} – {fmt_datetime(result.last_at)}.",
            f"Demo board created in {path}: {result.steps} steps, "
            f"{fmt_datetime(result.first_at)} – {fmt_datetime(result.last_at)}.",
        )
    )
    if ctx.args.no_gui:
        return 0
    if as_of is not None:
        os.environ["SITUATION_BOARD_NOW"] = as_of.isoformat()
    ctx.demo = True
    return cmd_window(ctx)


# ---------------------------------------------------------------------- events and level


def cmd_event_new(ctx: Context) -> int:
    a = ctx.args
    event = ctx.service().start_event(
        a.name, exercise=a.exercise, started_at=ctx.when(a.started, "started")
    )
    print(ctx.t(f"Händelse startad: {event.name} ({event.id})", f"Event started: {event.name}"))
    return 0


def cmd_event_close(ctx: Context) -> int:
    event = ctx.service().close_event(ctx.args.reason, event_id=_event_id(ctx))
    print(ctx.t(f"Händelse avslutad: {event.name}", f"Event closed: {event.name}"))
    return 0


def _event_id(ctx: Context) -> str | None:
    """``--event REF``: an open event's id or short id (None: the active event)."""
    ref = getattr(ctx.args, "event", None)
    if not ref:
        return None
    event: Any = ctx.service().find_event(ref)
    return str(event.id)


def cmd_station(ctx: Context) -> int:
    """``station [CODE]``: show this local board's station code, or change it deliberately."""
    from situation_board.store.database import LocalStore  # noqa: PLC0415

    store = LocalStore.open(ctx.db_path)  # not through --station/config: that is what we change
    try:
        if ctx.args.code:
            code = store.set_station_code(ctx.args.code)
            print(ctx.t(f"Stationskod: {code}", f"Station code: {code}"))
        else:
            with store.read() as conn:
                from situation_board.store import queries  # noqa: PLC0415

                print(queries.station(conn).code)
    finally:
        store.close()
    return 0


def cmd_event_list(ctx: Context) -> int:
    from situation_board.services.export import event_json  # noqa: PLC0415

    events = ctx.service().events()
    if ctx.args.json:
        _print_json([event_json(e) for e in events])
        return 0
    for e in events:
        state = ctx.t("aktiv", "active") if e.is_active else ctx.t("avslutad", "closed")
        tag = ctx.t(" [ÖVNING]", " [EXERCISE]") if e.exercise else ""
        print(f"{short_id(e.id)}  {fmt_datetime(e.started_at)}  {state:9}  {e.name}{tag}")
    return 0


def cmd_level_set(ctx: Context) -> int:
    a = ctx.args
    level = ctx.enum(ReadinessLevel, a.level, "level")
    decision = ctx.service().set_level(
        level,
        reason=a.reason,
        decided_by=a.by,
        scope=a.scope,
        decided_at=ctx.when(a.decided, "time"),
    )
    print(
        ctx.t("Beredskapsläge: ", "Readiness level: ")
        + f"{decision.level.label(ctx.language)} ({decision.scope})"
    )
    return 0


def cmd_level_history(ctx: Context) -> int:
    for d in ctx.service().level_history():
        print(
            f"{fmt_datetime(d.decided_at)}  {d.level.label(ctx.language):18}  {d.scope} · "
            f"{d.decided_by} · {d.reason}"
        )
    return 0


# ---------------------------------------------------------------------- systems and actions


def cmd_system_add(ctx: Context) -> int:
    a = ctx.args
    status = ctx.enum(SystemStatus, a.status, "status")
    fields = _system_fields(ctx)
    system = ctx.service().add_system(a.name, status=status, comment=a.comment, **fields)
    print(f"{short_id(system.id)}  {system.name}: {system.status.label(ctx.language)}")
    return 0


def cmd_system_set(ctx: Context) -> int:
    a = ctx.args
    fields = _system_fields(ctx)
    if a.status is not None:
        fields["status"] = ctx.enum(SystemStatus, a.status, "status")
    if a.new_name is not None:
        fields["name"] = a.new_name
    system = ctx.service().update_system(a.ref, comment=a.comment, **fields)
    print(f"{short_id(system.id)}  {system.name}: {system.status.label(ctx.language)}")
    return 0


def cmd_system_list(ctx: Context) -> int:
    for s in ctx.service().systems():
        prognosis = (
            fmt_datetime(s.prognosis_at)
            or s.prognosis_text
            or ctx.t("ingen prognos", "no prognosis")
        )
        reserve = (
            ctx.t("reservrutin aktiv", "reserve routine active") if s.reserve_routine_active else ""
        )
        print(
            f"{short_id(s.id)}  {s.status.label(ctx.language):18}  {s.name}  ({prognosis}) {reserve}"
        )
    return 0


def cmd_action_add(ctx: Context) -> int:
    a = ctx.args
    action = ctx.service().add_action(
        a.title,
        owner=a.owner,
        due_at=ctx.when(a.due, "due"),
        priority=ctx.enum(Priority, a.priority, "priority"),
        system_ref=a.system,
    )
    print(f"{short_id(action.id)}  {action.title}")
    return 0


def cmd_action_set(ctx: Context) -> int:
    a = ctx.args
    fields: dict[str, Any] = {}
    if a.title is not None:
        fields["title"] = a.title
    if a.owner is not None:
        fields["owner"] = a.owner
    if a.due is not None:
        fields["due_at"] = None if a.due.strip() in ("", "-") else ctx.when(a.due, "due")
    if a.priority is not None:
        fields["priority"] = ctx.enum(Priority, a.priority, "priority")
    if a.status is not None:
        fields["status"] = ctx.enum(ActionStatus, a.status, "status")
    if a.system is not None:
        fields["system_ref"] = a.system or None
    action = ctx.service().update_action(a.ref, **fields)
    print(f"{short_id(action.id)}  {action.title}: {action.status.label(ctx.language)}")
    return 0


def cmd_action_done(ctx: Context) -> int:
    action = ctx.service().complete_action(ctx.args.ref)
    print(f"{short_id(action.id)}  {action.title}: {action.status.label(ctx.language)}")
    return 0


def cmd_action_list(ctx: Context) -> int:
    from situation_board.services.export import action_json  # noqa: PLC0415

    board = ctx.service().board(with_journal=False)
    if board.event is None:
        ctx.service().actions()  # raises "no active event"
    if ctx.args.json:
        _print_json([action_json(a, board) for a in board.actions])
        return 0
    now = board.as_of
    for x in board.actions:
        flag = ctx.t("FÖRSENAD", "OVERDUE") if x.is_overdue(now) else ""
        print(
            f"{short_id(x.id)}  {x.status.label(ctx.language):9} {fmt_short(x.due_at, ctx.language):13}"
            f" {flag:9} {x.title} ({x.owner})"
        )
    return 0


# ---------------------------------------------------------------------- journal


def cmd_log_add(ctx: Context) -> int:
    a = ctx.args
    medium = ctx.enum(Medium, a.medium, "medium")
    entry = ctx.service().add_entry(
        a.text,
        category=ctx.enum(EntryCategory, a.category, "category"),
        occurred_at=ctx.when(a.occurred, "occurred"),
        medium=medium,
        from_party=a.from_party,
        to_party=a.to_party,
        corrects=a.corrects,
        hidden_from_wall=a.hidden_from_wall,
        allow_personnummer=a.force,
    )
    print(entry.number)
    return 0


def entry_line(e: JournalEntry, language: str) -> str:
    times = fmt_datetime(e.occurred_at)
    if e.times_differ:
        times += f" (reg. {fmt_short(e.recorded_at, language)})"
    parties = f" {e.from_party}→{e.to_party}" if (e.from_party or e.to_party) else ""
    fix = f" [rättar {e.corrects[-8:]}]" if e.corrects else ""
    return f"{e.number:9}  {times}  [{e.category.label(language)}]{parties} {e.text}{fix}"


def cmd_log_list(ctx: Context) -> int:
    from situation_board.services.export import entry_json  # noqa: PLC0415

    a = ctx.args
    since, until = ctx.when(a.since, "since"), ctx.when(a.until, "until")
    if since and until and until < since:
        raise ValidationError("period_reversed")
    entries = ctx.service().journal(since=since, until=until)
    if a.json:
        _print_json([entry_json(e) for e in entries])
    else:
        for e in entries:
            print(entry_line(e, ctx.language))
    return 0


def cmd_handover(ctx: Context) -> int:
    """Sign a handover; ``--pdf FILE`` also prints it (the file is checked before signing)."""
    a = ctx.args
    pdf = None
    if a.pdf:
        from situation_board.commands_export import PDF, output_file  # noqa: PLC0415

        pdf = output_file(a.pdf, PDF)
    signed = ctx.service().sign_handover(a.from_person, a.to_person, note=a.note)
    if pdf is not None:
        from situation_board.reports.pdf import write_handover_pdf  # noqa: PLC0415

        write_handover_pdf(signed.brief, signed.handover, pdf)
    print(signed.handover.summary)
    done = ctx.t(
        f"Överlämningen från {a.from_person} till {a.to_person} är signerad i stabsjournalen.",
        f"The handover from {a.from_person} to {a.to_person} is signed in the staff journal.",
    )
    print(f"{done} PDF → {pdf}" if pdf is not None else done)
    return 0


def cmd_deadline_add(ctx: Context) -> int:
    a = ctx.args
    d = ctx.service().start_deadline(
        ctx.enum(DeadlineKind, a.kind, "kind"),
        aware_at=ctx.when(a.aware, "aware"),
        due_at=ctx.when(a.due, "due"),
        title=a.title,
    )
    print(f"{short_id(d.id)}  {d.title}: {ctx.t('senast', 'due')} {fmt_datetime(d.due_at)}")
    return 0


def cmd_deadline_report(ctx: Context) -> int:
    a = ctx.args
    d = ctx.service().report_deadline(
        a.ref,
        reported_at=ctx.when(a.reported, "reported"),
        reference=a.reference,
        late_reason=a.late_reason,
    )
    print(f"{short_id(d.id)}  {d.title}: {d.status(system_clock()).label(ctx.language)}")
    return 0


def cmd_briefing_add(ctx: Context) -> int:
    at = ctx.when(ctx.args.at, "time")
    assert at is not None
    b = ctx.service().add_briefing(at, ctx.args.title)
    print(f"{b.title} {fmt_datetime(b.at)}")
    return 0


# ---------------------------------------------------------------------- show


def with_sync_block(ctx: Context, board: Board) -> Board:
    """The board with the configured store in its sync block (no password: config has none).

    Without a configured store, the one the last ``sync`` used (recorded locally) is shown.
    """
    from dataclasses import replace  # noqa: PLC0415

    store = ctx.settings.store_url or board.sync.store
    return replace(board, sync=replace(board.sync, store=store))


def cmd_show(ctx: Context) -> int:
    from situation_board.services.export import board_json  # noqa: PLC0415

    board = with_sync_block(ctx, ctx.service().board())
    if ctx.args.__dict__.get("json"):
        _print_json(board_json(board))
        return 0
    print_board(ctx, board)
    return 0


def print_board(ctx: Context, board: Board) -> None:
    lang = ctx.language
    if board.event is None:
        print(render("no_active_event", lang))
        return
    e = board.event
    print(f"{e.name}{ctx.t(' [ÖVNING]', ' [EXERCISE]') if e.exercise else ''}")
    lvl = board.level
    print(
        f"{ctx.t('Beredskapsläge', 'Readiness level')}: {board.current_level.label(lang).upper()}"
        + (
            f" ({lvl.scope}) {ctx.t('sedan', 'since')} {fmt_short(lvl.decided_at, lang)}, "
            f"{ctx.t('beslut', 'decided by')}: {lvl.decided_by}"
            if lvl
            else ""
        )
    )
    print(f"\n{ctx.t('Berörda system', 'Affected systems')}:")
    for s in board.systems:
        prog = (
            fmt_short(s.prognosis_at, lang)
            or s.prognosis_text
            or ctx.t("ingen prognos", "no prognosis")
        )
        print(f"  {s.status.label(lang):18} {s.name} – {ctx.t('prognos', 'prognosis')}: {prog}")
    print(f"\n{ctx.t('Öppna åtgärder', 'Open actions')}:")
    for x in board.open_actions():
        flag = ctx.t("FÖRSENAD ", "OVERDUE ") if x.is_overdue(board.as_of) else ""
        print(f"  {flag}{fmt_short(x.due_at, lang):13} {x.title} ({x.owner})")
    print(f"\n{ctx.t('Senaste journalposter', 'Latest journal entries')}:")
    for j in board.journal[-8:]:
        print("  " + entry_line(j, lang))
