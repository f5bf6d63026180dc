"""Fault injection for the reliability tests: ``SB_FAULT=<point>`` kills the process there.

The points of a push, in order: ``before_send`` (batch read, nothing sent), ``after_counter``
(counter values taken, store transaction still open), ``after_store_commit`` (the store committed,
the acknowledgement has not reached the client), ``after_ack`` (acknowledged, outbox not yet
marked). ``os.kill(getpid(), SIGKILL)`` is the same as ``kill -9`` from outside: no cleanup runs.
"""

from __future__ import annotations

import logging
import os
import signal

FAULT_ENV = "SB_FAULT"
POINTS = ("before_send", "after_counter", "after_store_commit", "after_ack")
log = logging.getLogger(__name__)


def point(name: str) -> None:
    """Die here with SIGKILL when ``SB_FAULT`` names this point."""
    if os.environ.get(FAULT_ENV) == name:
        log.warning("fault injection: SIGKILL at %s", name)
        for handler in logging.getLogger().handlers:
            handler.flush()
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
