"""The language a document is written in: its catalogue, enum labels and CLDR dates; no Qt here.

Every generated document takes its language explicitly (``sv`` or ``en``; ``None`` means the
process's UI language) and passes one ``Lang`` to the helpers that build it, so that a document in
English has no Swedish text apart from the board's own data and the journal's system entries
(which are the event's record, written in Swedish). The handover summary stored with a handover
is part of the record too and is always built with ``Lang("sv")`` (``reports/brief.py``).

The methods are called ``gettext`` and ``ngettext`` so that Babel extracts their English message
ids into the one catalogue (``resources/i18n/*.po``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from situation_board.domain.enums import Labelled
from situation_board.domain.timeutil import fmt_short
from situation_board.i18n import LANGUAGES, current_language, translations


@dataclass(frozen=True, slots=True)
class Lang:
    """One UI language (``sv``, ``en``) as the documents use it."""

    code: str

    @classmethod
    def of(cls, language: str | None) -> Lang:
        """``language`` (``sv``/``en``), or the process's UI language when ``None``.

        Raises ``ValueError`` for an unknown language code.
        """
        code = language or current_language()
        if code not in LANGUAGES:
            raise ValueError(f"unknown language {code!r}")
        return cls(code)

    def gettext(self, message: str) -> str:
        """``message`` (an English msgid) in this language."""
        return translations(self.code).gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The singular or plural form for the count ``n`` in this language."""
        return translations(self.code).ngettext(singular, plural, n)

    def label(self, member: Labelled) -> str:
        """The label of an enum member (level, status, category, …) in this language."""
        return member.label(self.code)

    def short(self, dt: datetime | None) -> str:
        """``22 jan. 14:05`` / ``22 Jan 14:05`` (empty for ``None``)."""
        return fmt_short(dt, self.code)

    def yes_no(self, flag: bool) -> str:
        """``ja``/``nej`` or ``yes``/``no``."""
        return self.gettext("yes") if flag else self.gettext("no")
