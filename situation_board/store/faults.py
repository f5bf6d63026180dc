"""Fault injection for the reliability tests (issue 14): kill the process at a named point.

``SB_FAULT=<point>`` makes the process SIGKILL itself there; ``<point>@<n>`` the ``n``-th time it
gets there. ``SB_TRACE=1`` makes it announce every point it reaches on standard error
(``sb-stage <point> <pid>``, flushed), so that a test can SIGKILL it from outside at a moment of
its choosing — and check from the pid that the signal went to the program's own process, not to
a wrapper. ``os.kill(getpid(), SIGKILL)`` is the same as ``kill -9`` from outside: no cleanup runs.

The points of a local write, in order: ``write_begun`` (``BEGIN IMMEDIATE`` taken, nothing
written), ``write_before_commit`` (rows, HLC and outbox written, not committed),
``write_committed``. Of a push: ``before_send`` (batch read, nothing sent), ``after_counter``
(counter values taken, store transaction still open), ``after_store_commit`` (the store
committed, the acknowledgement has not reached the client), ``after_ack`` (acknowledged, outbox
not yet marked). Of a pull: ``after_pull`` (a page fetched, not yet applied).
"""

from __future__ import annotations

import logging
import os
import signal
import sys

FAULT_ENV = "SB_FAULT"
TRACE_ENV = "SB_TRACE"
WRITE_POINTS = ("write_begun", "write_before_commit", "write_committed")
PUSH_POINTS = ("before_send", "after_counter", "after_store_commit", "after_ack")
PULL_POINTS = ("after_pull",)
POINTS = WRITE_POINTS + PUSH_POINTS + PULL_POINTS
log = logging.getLogger(__name__)
_reached: dict[str, int] = {}


def _wanted() -> tuple[str, int] | None:
    value = os.environ.get(FAULT_ENV)
    if not value:
        return None
    name, _, nth = value.partition("@")
    return name, int(nth) if nth.isdigit() else 1


def point(name: str) -> None:
    """Announce ``name`` (``SB_TRACE``) and die here with SIGKILL when ``SB_FAULT`` names it."""
    if os.environ.get(TRACE_ENV):
        sys.stderr.write(f"sb-stage {name} {os.getpid()}\n")
        sys.stderr.flush()
    wanted = _wanted()
    if wanted is None or wanted[0] != name:
        return
    _reached[name] = _reached.get(name, 0) + 1
    if _reached[name] < wanted[1]:
        return
    log.warning("fault injection: SIGKILL at %s", name)
    for handler in logging.getLogger().handlers:
        handler.flush()
    os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
