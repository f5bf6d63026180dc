"""One message catalogue for every user-visible string: GNU gettext, extracted and compiled with
Babel (as MusicBrainz Picard translates its Qt UI).

Message ids are English. ``resources/i18n/sv.po`` translates every one of them into Swedish;
``resources/i18n/en.po`` exists so that both UI languages have a catalogue. The ``.mo`` files are
build outputs (``make translations``); when one is missing or older than its ``.po`` (a wheel
install carries only the sources), it is compiled once with Babel into the user cache.

Use:

* ``_("text")`` — the text in the process's UI language (``set_language`` sets it once, at start);
* ``N_("text")``, ``NC_("context", "text")`` — mark a module-level constant for extraction;
  translate it where it is shown;
* ``ngettext``, ``pgettext`` — plurals and contexts (enum labels use the enum's class name);
* ``translations(language)`` — a catalogue for an explicit language (an error rendered in the
  language the caller asked for, the Swedish record).

This module is the bottom layer: anything may import it; it imports nothing of the program but
``resources``. The journal's own system entries are not here: they are the event's record and are
written in Swedish whatever the UI language.
"""

from __future__ import annotations

import gettext
import logging
import threading
from functools import cache
from pathlib import Path

from situation_board.resources import resource

DOMAIN = "situation_board"
LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
LOCALES = {"sv": "sv_SE", "en": "en_GB"}
"""Babel/CLDR locale per UI language (dates, month and weekday names)."""

log = logging.getLogger(__name__)
_lock = threading.Lock()
_current = DEFAULT_LANGUAGE


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it (module-level constants)."""
    return message


def NC_(context: str, message: str) -> str:
    """Mark ``message`` in ``context`` for extraction without translating it (enum labels)."""
    del context
    return message


def po_path(language: str) -> Path:
    """The ``.po`` source of ``language`` (``resources/i18n/<language>.po``)."""
    return resource("i18n", f"{language}.po")


def built_mo_path(language: str) -> Path:
    """Where ``make translations`` puts the compiled catalogue of ``language``."""
    return resource("i18n", language, "LC_MESSAGES", f"{DOMAIN}.mo")


def _cache_mo_path(language: str) -> Path:
    import platformdirs  # noqa: PLC0415 - only when a catalogue has to be compiled

    return platformdirs.user_cache_path("situation-board") / "i18n" / f"{language}.mo"


def _fresh(mo: Path, po: Path) -> bool:
    return mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime)


def compile_mo(po: Path, mo: Path) -> Path:
    """Compile ``po`` into ``mo`` with Babel (atomically); returns ``mo``.

    Raises ``OSError`` when ``mo`` cannot be written and Babel's errors for a broken ``po``.
    """
    from babel.messages.mofile import write_mo  # noqa: PLC0415 - only when compiling
    from babel.messages.pofile import read_po  # noqa: PLC0415 - only when compiling

    with po.open("rb") as source:
        catalog = read_po(source, abort_invalid=True)
    mo.parent.mkdir(parents=True, exist_ok=True)
    tmp = mo.with_name(f".{mo.name}.{threading.get_ident()}.tmp")
    with tmp.open("wb") as target:
        write_mo(target, catalog, use_fuzzy=False)
    tmp.replace(mo)
    return mo


def mo_path(language: str) -> Path | None:
    """The compiled catalogue of ``language``: the built one, else one compiled into the user
    cache from the installed ``.po``; ``None`` when neither can be had (logged)."""
    po = po_path(language)
    built = built_mo_path(language)
    if _fresh(built, po):
        return built
    if not po.is_file():
        return built if built.is_file() else None
    cached = _cache_mo_path(language)
    if _fresh(cached, po):
        return cached
    try:
        return compile_mo(po, cached)
    except Exception as exc:  # a broken .po must not stop the program: English it is
        log.warning("cannot compile %s: %s", po, exc)
        return built if built.is_file() else None


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalogue of ``language`` (``sv`` or ``en``); English text when it is missing."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    path = mo_path(language)
    if path is None:
        if language != "en":
            log.warning("no %s catalogue: showing English (run `make translations`)", language)
        return gettext.NullTranslations()
    with path.open("rb") as fp:
        return gettext.GNUTranslations(fp)


def set_language(language: str) -> None:
    """Make ``language`` the process's UI language (called once by each face at start)."""
    global _current  # noqa: PLW0603 - one UI language per process
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    with _lock:
        _current = language


def current_language() -> str:
    """The process's UI language (``sv`` until a face sets another)."""
    return _current


def _(message: str) -> str:
    """``message`` in the process's UI language."""
    return translations(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n`` in the process's UI language."""
    return translations(_current).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in context ``context`` (e.g. an enum's class name) in the UI language."""
    return translations(_current).pgettext(context, message)


def gettext_in(language: str, message: str) -> str:
    """``message`` in ``language`` whatever the UI language."""
    return translations(language).gettext(message)


def locale_of(language: str) -> str:
    """The CLDR locale (``sv_SE``, ``en_GB``) for a UI language."""
    return LOCALES.get(language, LOCALES[DEFAULT_LANGUAGE])
