"""Handlers that open windows (the workstation, the wall) and build the demo board.

The windows come from the Qt face through the ``Windows`` protocol the entry point passes in;
without Qt installed, the window commands print the board instead.
"""

from __future__ import annotations

import logging
from pathlib import Path

from situation_board.app import config
from situation_board.app.context import AppContext, Options
from situation_board.app.windows import NoWindows
from situation_board.cli.invocation import Invocation
from situation_board.cli.output import emit
from situation_board.cli.records import show
from situation_board.domain.clock import running_from
from situation_board.domain.errors import BoardError
from situation_board.domain.timeutil import fmt_datetime
from situation_board.i18n import _

log = logging.getLogger(__name__)


def window(inv: Invocation) -> int:
    """No command: open the workstation window (prints the board without Qt)."""
    try:
        if inv.windows is not None:
            return inv.windows.workstation(inv.ctx)
    except NoWindows as exc:
        log.warning("no window (%s): printing the board instead", exc)
    return show(inv)


def wall(inv: Invocation) -> int:
    """``wall [--screen N] [--windowed]``: the wall display (prints the board without Qt)."""
    try:
        if inv.windows is not None:
            return inv.windows.wall(inv.ctx, screen=inv.args.screen, windowed=inv.args.windowed)
    except NoWindows as exc:
        log.warning("no window (%s): printing the board instead", exc)
    return show(inv)


def _has_events(path: Path, ctx: AppContext) -> bool:
    from situation_board.store import queries  # noqa: PLC0415 - SQLAlchemy only when used
    from situation_board.store.database import LocalStore  # noqa: PLC0415 - SQLAlchemy only for the demo

    probe = LocalStore.open(path, station=ctx.station_code, clock=ctx.clock)
    try:
        with probe.read() as conn:
            return bool(queries.all_events(conn))
    finally:
        probe.close()


def demo(inv: Invocation) -> int:
    """``demo [--no-gui] [--as-of ISO]``: build the demo board (the default demo file is rebuilt
    every time; an explicit ``--db`` must hold no events) and open it.

    With ``--as-of`` the case is replayed on its real dates up to that instant and the window's
    clock starts there and runs on.
    """
    ctx = inv.ctx
    as_of = inv.when(inv.args.as_of, "time")
    if not inv.args.no_gui and inv.windows is not None:  # no display: say so before building
        problem = inv.windows.problem(ctx.language)
        if problem is not None:
            raise BoardError("window_unavailable", reason=problem)
    path = ctx.db_path if ctx.explicit_db else config.demo_db()
    if not ctx.explicit_db:
        for suffix in ("", "-wal", "-shm"):  # the default demo board is rebuilt every time
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    elif path.exists() and path.stat().st_size > 0 and _has_events(path, ctx):
        raise BoardError("demo_exists", path=str(path))
    from situation_board.services.demo import build_demo  # noqa: PLC0415 - SQLAlchemy only for the demo

    demo_ctx = AppContext(
        ctx.settings,
        options=Options(
            db=path, config=ctx.options.config, station=ctx.options.station, user=ctx.options.user
        ),
        clock=running_from(as_of) if as_of is not None else ctx.clock,
        demo=True,
    )
    try:
        result = build_demo(demo_ctx.store(), now=ctx.now(), as_of=as_of)
        emit(
            _("Demo board created in {path}: {steps} steps, {first} – {last}.").format(
                path=path,
                steps=result.steps,
                first=fmt_datetime(result.first_at),
                last=fmt_datetime(result.last_at),
            )
        )
        if inv.args.no_gui:
            return 0
        return window(Invocation(demo_ctx, inv.args, inv.windows))
    finally:
        demo_ctx.close()
