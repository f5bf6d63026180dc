"""Handlers: the station code, events, the readiness level, systems, actions and ``show``.

Each handler turns arguments into a typed service call and prints the result; every rule is the
services'. A ``BoardError`` becomes one line on stderr and status 2 in ``cli.main``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from situation_board.cli.invocation import Invocation
from situation_board.cli.output import emit, emit_json, print_board
from situation_board.cli.rhythm import event_from_template
from situation_board.domain.entities import Board
from situation_board.domain.enums import ActionStatus, Priority, ReadinessLevel, SystemStatus
from situation_board.domain.ids import short_id
from situation_board.domain.patches import UNSET, ActionPatch, SystemPatch
from situation_board.domain.timeutil import fmt_datetime, fmt_short
from situation_board.i18n import _


def station(inv: Invocation) -> int:
    """``station [CODE]``: show this local board's station code, or change it deliberately."""
    from situation_board.store import queries  # noqa: PLC0415 - SQLAlchemy only when used
    from situation_board.store.database import LocalStore  # noqa: PLC0415 - only for this command

    store = LocalStore.open(inv.ctx.db_path, clock=inv.ctx.clock)  # not --station: we change it
    try:
        if inv.args.code:
            code = store.set_station_code(inv.args.code)
            emit(_("Station code: {0}").format(code))
        else:
            with store.read() as conn:
                emit(queries.station(conn).code)
    finally:
        store.close()
    return 0


# ---------------------------------------------------------------------- events and level


def event_new(inv: Invocation) -> int:
    """``event new NAME [--exercise] [--started ISO] [--template ID]``."""
    a = inv.args
    if a.template:
        return event_from_template(inv)
    event = inv.services.start_event(
        a.name, exercise=a.exercise, started_at=inv.when(a.started, "started")
    ).value
    emit(_("Event started: {name} ({id})").format(name=event.name, id=event.id))
    return 0


def event_close(inv: Invocation) -> int:
    """``event close --reason TEXT [--event ID]``."""
    ref = getattr(inv.args, "event", None)
    event_id = inv.services.find_event(ref).id if ref else None
    event = inv.services.close_event(inv.args.reason, event_id=event_id).value
    emit(_("Event closed: {0}").format(event.name))
    return 0


def event_list(inv: Invocation) -> int:
    """``event list [--json]``."""
    from situation_board.reports.board_json import event_json  # noqa: PLC0415 - only for this command

    events = inv.services.events()
    if inv.args.json:
        emit_json([event_json(e) for e in events])
        return 0
    for e in events:
        state = _("active") if e.is_active else _("closed")
        tag = " [" + _("EXERCISE") + "]" if e.exercise else ""
        emit(f"{short_id(e.id)}  {fmt_datetime(e.started_at)}  {state:9}  {e.name}{tag}")
    return 0


def level_set(inv: Invocation) -> int:
    """``level set LEVEL --reason TEXT [--by NAME] [--scope UNIT] [--decided ISO]``."""
    a = inv.args
    level = inv.enum(ReadinessLevel, a.level, "level")
    assert level is not None
    decision = inv.services.set_level(
        level,
        reason=a.reason,
        decided_by=a.by,
        scope=a.scope,
        decided_at=inv.when(a.decided, "time"),
    ).value
    emit(
        _("Readiness level: {level} ({scope})").format(
            level=decision.level.label(inv.ctx.language), scope=decision.scope
        )
    )
    return 0


def level_history(inv: Invocation) -> int:
    """``level history``: the active event's decisions, oldest first."""
    for d in inv.services.level_history():
        emit(
            f"{fmt_datetime(d.decided_at)}  {d.level.label(inv.ctx.language):18}  {d.scope} · "
            f"{d.decided_by} · {d.reason}"
        )
    return 0


# ---------------------------------------------------------------------- systems


def _system_patch(inv: Invocation, **extra: Any) -> SystemPatch:
    a = inv.args

    def opt(value: Any) -> Any:
        return UNSET if value is None else value

    return SystemPatch(
        supplier=opt(a.supplier),
        processes=opt(a.processes),
        reserve_routine=opt(a.reserve_routine),
        reserve_routine_active=opt(a.reserve_active),
        workaround=opt(a.workaround),
        prognosis=opt(a.prognosis),
        personal_data_affected=opt(a.personal_data),
        next_update_at=UNSET if a.next_update is None else inv.when(a.next_update, "next_update"),
        **extra,
    )


def system_add(inv: Invocation) -> int:
    """``system add NAME --status STATUS [...]``."""
    a = inv.args
    status = inv.enum(SystemStatus, a.status, "status")
    assert status is not None
    system = inv.services.add_system(
        a.name, status=status, details=_system_patch(inv), comment=a.comment
    ).value
    emit(f"{short_id(system.id)}  {system.name}: {system.status.label(inv.ctx.language)}")
    return 0


def system_set(inv: Invocation) -> int:
    """``system set NAME_OR_ID [--status ...] [--name NEW] [...]``."""
    a = inv.args
    status = inv.enum(SystemStatus, a.status, "status")
    patch = _system_patch(
        inv,
        status=UNSET if status is None else status,
        name=UNSET if a.new_name is None else a.new_name,
    )
    system = inv.services.update_system(a.ref, patch, comment=a.comment).value
    emit(f"{short_id(system.id)}  {system.name}: {system.status.label(inv.ctx.language)}")
    return 0


def system_list(inv: Invocation) -> int:
    """``system list``."""
    lang = inv.ctx.language
    for s in inv.services.systems():
        prognosis = fmt_datetime(s.prognosis_at) or s.prognosis_text or _("no prognosis")
        reserve = _("reserve routine active") if s.reserve_routine_active else ""
        emit(f"{short_id(s.id)}  {s.status.label(lang):18}  {s.name}  ({prognosis}) {reserve}")
    return 0


# ---------------------------------------------------------------------- actions


def action_add(inv: Invocation) -> int:
    """``action add TITLE [--owner O] [--due ISO] [--priority P] [--system X]``."""
    a = inv.args
    priority = inv.enum(Priority, a.priority, "priority")
    details = ActionPatch(
        owner=a.owner,
        due_at=inv.when(a.due, "due"),
        priority=priority or Priority.NORMAL,
        system_ref=a.system,
    )
    action = inv.services.add_action(a.title, details).value
    emit(f"{short_id(action.id)}  {action.title}")
    return 0


def action_set(inv: Invocation) -> int:
    """``action set ID [--status S] [--title T] [--owner O] [--due ISO|-] [...]``."""
    a = inv.args
    due: Any = UNSET
    if a.due is not None:
        due = None if a.due.strip() in ("", "-", "–") else inv.when(a.due, "due")
    priority = inv.enum(Priority, a.priority, "priority")
    status = inv.enum(ActionStatus, a.status, "status")
    patch = ActionPatch(
        title=UNSET if a.title is None else a.title,
        owner=UNSET if a.owner is None else a.owner,
        due_at=due,
        priority=UNSET if priority is None else priority,
        status=UNSET if status is None else status,
        system_ref=UNSET if a.system is None else (a.system or None),
    )
    action = inv.services.update_action(a.ref, patch).value
    emit(f"{short_id(action.id)}  {action.title}: {action.status.label(inv.ctx.language)}")
    return 0


def action_done(inv: Invocation) -> int:
    """``action done ID``."""
    action = inv.services.complete_action(inv.args.ref).value
    emit(f"{short_id(action.id)}  {action.title}: {action.status.label(inv.ctx.language)}")
    return 0


def action_list(inv: Invocation) -> int:
    """``action list [--json]``: open actions first by due time."""
    from situation_board.reports.board_json import action_json  # noqa: PLC0415 - only for this command

    board = inv.services.board(with_journal=False)
    if board.event is None:
        inv.services.actions()  # raises "no active event"
    if inv.args.json:
        emit_json([action_json(a, board) for a in board.actions])
        return 0
    lang = inv.ctx.language
    for x in board.actions:
        flag = _("OVERDUE") if x.is_overdue(board.as_of) else ""
        emit(
            f"{short_id(x.id)}  {x.status.label(lang):9} {fmt_short(x.due_at, lang):13}"
            f" {flag:9} {x.title} ({x.owner})"
        )
    return 0


# ---------------------------------------------------------------------- show


def with_sync_block(inv: Invocation, board: Board) -> Board:
    """The board with the configured store in its sync block (no password: config has none).

    Without a configured store, the one the last ``sync`` used (recorded locally) is shown.
    """
    store = inv.ctx.settings.store_url or board.sync.store
    return replace(board, sync=replace(board.sync, store=store))


def show(inv: Invocation) -> int:
    """``show [--json]``: the whole board."""
    from situation_board.reports.board_json import board_json  # noqa: PLC0415 - only for this command

    board = with_sync_block(inv, inv.services.board())
    if getattr(inv.args, "json", False):
        emit_json(board_json(board))
        return 0
    print_board(board, inv.ctx.language)
    return 0
