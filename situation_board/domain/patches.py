"""Typed, frozen inputs of the write use cases: what a face asks to change.

A patch names only the fields the user touched; every other field is ``UNSET`` and stays as it
is (``None`` is a value: "no due time", "no next update"). The services validate a patch with the
rules in ``domain.rules`` whichever face built it, so the CLI and the window agree.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from enum import Enum
from typing import Any, Final, TypeVar

from situation_board.domain.enums import ActionStatus, Priority, SystemStatus


class Unset(Enum):
    """The type of ``UNSET``: "leave this field as it is"."""

    UNSET = "unset"

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = Unset.UNSET
V = TypeVar("V")


def is_set(value: V | Unset) -> bool:
    """True when ``value`` is a value, not ``UNSET``."""
    return value is not UNSET


def given(patch: object) -> dict[str, Any]:
    """The fields of a patch dataclass that are set, by name."""
    return {
        f.name: getattr(patch, f.name)
        for f in fields(patch)  # type: ignore[arg-type]
        if getattr(patch, f.name) is not UNSET
    }


@dataclass(frozen=True, slots=True)
class Prognosis:
    """When a system is expected back: an instant, words ("de närmsta dagarna"), or neither
    (explicitly *ingen prognos*)."""

    at: datetime | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class SystemPatch:
    """Changes to an affected system (``add_system`` uses it for the optional fields).

    ``prognosis`` is the user's text — an instant, words, or "ingen"/"–" for no prognosis —
    parsed by the service (``domain.rules.parse_prognosis``), or an already parsed ``Prognosis``.
    """

    name: str | Unset = UNSET
    status: SystemStatus | Unset = UNSET
    supplier: str | Unset = UNSET
    processes: str | Unset = UNSET
    reserve_routine: str | Unset = UNSET
    reserve_routine_active: bool | Unset = UNSET
    reserve_routine_since: datetime | Unset | None = UNSET
    workaround: str | Unset = UNSET
    prognosis: str | Prognosis | Unset = UNSET
    personal_data_affected: bool | Unset = UNSET
    next_update_at: datetime | Unset | None = UNSET


@dataclass(frozen=True, slots=True)
class ActionPatch:
    """Changes to an action; ``system_ref`` is a system's name or (short) id, ``None`` unlinks."""

    title: str | Unset = UNSET
    owner: str | Unset = UNSET
    due_at: datetime | Unset | None = UNSET
    priority: Priority | Unset = UNSET
    status: ActionStatus | Unset = UNSET
    system_ref: str | Unset | None = UNSET
