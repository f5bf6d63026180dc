"""The command-line interface (DESIGN §6): the same services as the window.

Global options (``--db``, ``--config``, ``--station``, ``--user``) are accepted before or after the
command. Bad input prints one line on stderr and exits with status 2, having changed nothing.
Qt is imported only by the commands that open a window.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from situation_board import __version__, config, logs
from situation_board.commands import (
    Context,
    cmd_action_add,
    cmd_action_done,
    cmd_action_list,
    cmd_action_set,
    cmd_briefing_add,
    cmd_deadline_add,
    cmd_deadline_report,
    cmd_demo,
    cmd_event_close,
    cmd_event_list,
    cmd_event_new,
    cmd_handover,
    cmd_level_history,
    cmd_level_set,
    cmd_log_add,
    cmd_log_list,
    cmd_show,
    cmd_station,
    cmd_system_add,
    cmd_system_list,
    cmd_system_set,
    cmd_wall,
    cmd_window,
)
from situation_board.commands_export import (
    cmd_export_archive,
    cmd_export_board_pdf,
    cmd_export_journal_csv,
    cmd_export_journal_pdf,
    cmd_export_lagesbild,
)
from situation_board.commands_sync import cmd_store_init, cmd_store_password, cmd_sync
from situation_board.domain.errors import BoardError

EXIT_BAD_INPUT = 2

# Commands that only read: given a path with no board (a typo in --db) they say so and create
# nothing, instead of printing an empty board from a new file.
READ_ONLY = frozenset(
    {
        cmd_event_list,
        cmd_level_history,
        cmd_system_list,
        cmd_action_list,
        cmd_log_list,
        cmd_show,
        cmd_export_archive,
        cmd_export_board_pdf,
        cmd_export_journal_csv,
        cmd_export_journal_pdf,
        cmd_export_lagesbild,
    }
)

# argparse's own messages (missing or unknown arguments, bad choices, help headings) in Swedish,
# so that "fel i kommandoraden: …" is Swedish all the way through.
ARGPARSE_SV = {
    "usage: ": "användning: ",
    "positional arguments": "argument",
    "options": "flaggor",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "show program's version number and exit": "visa programmets version och avsluta",
    "the following arguments are required: %s": "följande argument saknas: %s",
    "unrecognized arguments: %s": "okända argument: %s",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ogiltigt val: %(value)r (välj bland %(choices)s)"
    ),
    "expected one argument": "ett värde behövs",
    "expected at most one argument": "högst ett värde",
    "expected at least one argument": "minst ett värde behövs",
    "expected %s argument": "%s värde behövs",
    "expected %s arguments": "%s värden behövs",
    "invalid %(type)s value: %(value)r": "ogiltigt värde: %(value)r",
    "not allowed with argument %s": "kan inte kombineras med %s",
    "one of the arguments %s is required": "ett av argumenten %s behövs",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tvetydig flagga: %(option)s kan betyda %(matches)s"
    ),
    "ignored explicit argument %r": "värdet %r ignoreras",
}


def _argparse_language(language: str) -> None:
    """argparse looks its messages up through gettext at call time: route them to Swedish."""
    import gettext  # noqa: PLC0415

    if language == "en":
        setattr(argparse, "_", gettext.gettext)  # noqa: B010
        setattr(argparse, "ngettext", gettext.ngettext)  # noqa: B010
        return

    def sv(message: str) -> str:
        return ARGPARSE_SV.get(message, message)

    def sv_n(singular: str, plural: str, n: int) -> str:
        return sv(singular if n == 1 else plural)

    setattr(argparse, "_", sv)  # noqa: B010
    setattr(argparse, "ngettext", sv_n)  # noqa: B010


class UsageError(Exception):
    """argparse found bad syntax; reported like every other bad input."""


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that reports errors on one line, exit status 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


# ---------------------------------------------------------------------- parser


def _add_globals(p: argparse.ArgumentParser, *, top: bool) -> None:
    d = None if top else argparse.SUPPRESS
    g = p.add_argument_group("globala flaggor / global options")
    g.add_argument("--db", default=d, metavar="PATH", help="lokal databas / local store")
    g.add_argument("--config", default=d, metavar="PATH", help="konfigurationsfil (TOML)")
    g.add_argument("--station", default=d, metavar="CODE", help="stationskod, t.ex. V1")
    g.add_argument("--user", default=d, metavar="NAME", help="namn som registreras på poster")


def build_parser() -> Parser:
    root = Parser(
        prog="situation-board",
        description="Lägesbild för regional särskild sjukvårdsledning (RSSL).",
    )
    root.add_argument("--version", action="version", version=f"situation-board {__version__}")
    _add_globals(root, top=True)
    sub = root.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=Parser)

    def cmd(parent: Any, name: str, help_: str, func: Callable[[Context], int]) -> Parser:
        p: Parser = parent.add_parser(name, help=help_, description=help_)
        _add_globals(p, top=False)
        p.set_defaults(func=func)
        return p

    def group(name: str, help_: str) -> Any:
        p = sub.add_parser(name, help=help_, description=help_)
        return p.add_subparsers(dest="action", metavar="ÅTGÄRD", required=True, parser_class=Parser)

    p = cmd(sub, "wall", "öppna väggskärmen / open the wall display", cmd_wall)
    p.add_argument("--screen", type=int, default=None)
    p.add_argument("--windowed", action="store_true")

    p = cmd(sub, "demo", "skapa en demotavla av januari 2024 och öppna den", cmd_demo)
    p.add_argument("--no-gui", action="store_true", help="skapa bara databasen")
    p.add_argument("--as-of", metavar="ISO", help="spela upp på verkliga datum fram till ISO")

    p = cmd(
        sub, "station", "visa eller byt stationskod / show or change the station code", cmd_station
    )
    p.add_argument("code", nargs="?", metavar="CODE")

    ev = group("event", "händelser / events")
    p = cmd(ev, "new", "starta ny händelse", cmd_event_new)
    p.add_argument("name")
    p.add_argument("--exercise", action="store_true", help="övning")
    p.add_argument("--started", metavar="ISO")
    p = cmd(ev, "close", "avsluta aktiv händelse", cmd_event_close)
    p.add_argument("--reason", required=True)
    p.add_argument("--event", metavar="ID", help="en annan öppen händelse (se event list)")
    p = cmd(ev, "list", "lista händelser", cmd_event_list)
    p.add_argument("--json", action="store_true")

    lv = group("level", "beredskapsläge / readiness level")
    p = cmd(lv, "set", "besluta beredskapsläge", cmd_level_set)
    p.add_argument("level", help="normal, staff, reinforced, disaster (eller svensk benämning)")
    p.add_argument("--reason", required=True)
    p.add_argument("--by", metavar="NAME")
    p.add_argument("--scope", metavar="UNIT")
    p.add_argument("--decided", metavar="ISO")
    cmd(lv, "history", "beslutshistorik", cmd_level_history)

    sy = group("system", "berörda system / affected systems")
    for name, func in (("add", cmd_system_add), ("set", cmd_system_set)):
        p = cmd(sy, name, f"system {name}", func)
        p.add_argument(
            "name" if name == "add" else "ref", metavar="NAME" if name == "add" else "NAME_OR_ID"
        )
        p.add_argument("--status", required=name == "add")
        if name == "set":
            p.add_argument("--name", dest="new_name", metavar="NAME")
        p.add_argument("--supplier")
        p.add_argument("--processes")
        p.add_argument("--reserve-routine", metavar="TEXT")
        rr = p.add_mutually_exclusive_group()
        rr.add_argument(
            "--reserve-active", dest="reserve_active", action="store_true", default=None
        )
        rr.add_argument("--reserve-inactive", dest="reserve_active", action="store_false")
        p.add_argument("--workaround", metavar="TEXT")
        p.add_argument("--prognosis", metavar="TEXT_OR_ISO")
        pd = p.add_mutually_exclusive_group()
        pd.add_argument("--personal-data", dest="personal_data", action="store_true", default=None)
        pd.add_argument("--no-personal-data", dest="personal_data", action="store_false")
        p.add_argument("--next-update", metavar="ISO")
        p.add_argument("--comment", default="")
    cmd(sy, "list", "lista system", cmd_system_list)

    ac = group("action", "åtgärder / actions")
    p = cmd(ac, "add", "ny åtgärd", cmd_action_add)
    p.add_argument("title")
    p.add_argument("--owner", default="")
    p.add_argument("--due", metavar="ISO")
    p.add_argument("--priority", default="normal")
    p.add_argument("--system", metavar="NAME_OR_ID")
    p = cmd(ac, "set", "ändra åtgärd", cmd_action_set)
    p.add_argument("ref", metavar="ID")
    p.add_argument("--title")
    p.add_argument("--owner")
    p.add_argument("--due", metavar="ISO")
    p.add_argument("--priority")
    p.add_argument("--status")
    p.add_argument("--system", metavar="NAME_OR_ID")
    p = cmd(ac, "done", "markera åtgärd klar", cmd_action_done)
    p.add_argument("ref", metavar="ID")
    p = cmd(ac, "list", "lista åtgärder", cmd_action_list)
    p.add_argument("--json", action="store_true")

    lg = group("log", "stabsjournal / staff journal")
    p = cmd(lg, "add", "ny journalpost", cmd_log_add)
    p.add_argument("text")
    p.add_argument("--category", default="information")
    p.add_argument("--occurred", metavar="ISO")
    p.add_argument("--medium")
    p.add_argument("--from", dest="from_party", default="")
    p.add_argument("--to", dest="to_party", default="")
    p.add_argument("--corrects", metavar="ID_OR_NUMBER")
    p.add_argument("--hidden-from-wall", action="store_true")
    p.add_argument("--force", action="store_true", help="spara trots misstänkt personnummer")
    p = cmd(lg, "list", "lista journalen", cmd_log_list)
    p.add_argument("--since", metavar="ISO")
    p.add_argument("--until", metavar="ISO")
    p.add_argument("--json", action="store_true")

    p = cmd(sub, "handover", "överlämning / shift handover", cmd_handover)
    p.add_argument("--from", dest="from_person", required=True, metavar="NAME")
    p.add_argument("--to", dest="to_person", required=True, metavar="NAME")
    p.add_argument("--note", default="")
    p.add_argument("--pdf", metavar="PATH")

    dl = group("deadline", "lagstadgade frister / statutory deadlines")
    p = cmd(dl, "add", "starta frist", cmd_deadline_add)
    p.add_argument("kind", help="imy_breach, nis_early_warning, police_report, other")
    p.add_argument("--aware", metavar="ISO")
    p.add_argument("--due", metavar="ISO")
    p.add_argument("--title", default="")
    p = cmd(dl, "report", "frist rapporterad", cmd_deadline_report)
    p.add_argument("ref", metavar="ID")
    p.add_argument("--reported", metavar="ISO")
    p.add_argument("--reference", default="")
    p.add_argument("--late-reason", default="")

    br = group("briefing", "stabsorienteringar / staff briefings")
    p = cmd(br, "add", "planera stabsorientering", cmd_briefing_add)
    p.add_argument("at", metavar="ISO")
    p.add_argument("--title", default="Stabsorientering")

    p = cmd(sub, "show", "visa hela lägesbilden", cmd_show)
    p.add_argument("--json", action="store_true")

    ex = group("export", "utskrifter och arkiv / documents and archive")
    p = cmd(ex, "journal-csv", "stabsjournalen som CSV för Excel", cmd_export_journal_csv)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--since", metavar="ISO")
    p.add_argument("--until", metavar="ISO")
    p = cmd(ex, "journal-pdf", "stabsjournalen som PDF", cmd_export_journal_pdf)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--since", metavar="ISO")
    p.add_argument("--until", metavar="ISO")
    p = cmd(ex, "board-pdf", "lägesbilden på en A4-sida (liggande)", cmd_export_board_pdf)
    p.add_argument("file", metavar="FILE")
    p = cmd(ex, "lagesbild", "lägesbild enligt MSB:s struktur (.pdf/.txt/-)", cmd_export_lagesbild)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--section", action="append", metavar="DEL=TEXT", help="stabens text")
    p.add_argument("--contact", default="", metavar="TEXT", help="kontaktperson")
    p = cmd(ex, "archive", "arkivpaket för diarieföring", cmd_export_archive)
    p.add_argument("dir", metavar="DIR")
    for p in ex.choices.values():
        p.add_argument("--event", metavar="ID", help="avslutad händelse (id, se event list)")
    st = group("store", "gemensam databas / shared store")
    cmd(st, "init", "skapa eller uppgradera en gemensam databas", cmd_store_init).add_argument(
        "url"
    )
    cmd(
        st, "password", "spara databasens lösenord i nyckelringen", cmd_store_password
    ).add_argument("url")
    p = cmd(
        sub, "sync", "synka med den gemensamma databasen / sync with the shared store", cmd_sync
    )
    p.add_argument("--once", action="store_true", help="en synk och avsluta / one sync, then exit")
    p.add_argument("--store", metavar="URL", help="sqlite:///fil.db eller postgresql+psycopg://…")
    return root


# ---------------------------------------------------------------------- entry point


def _early_config(argv: Sequence[str]) -> config.Settings:
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--config")
    known, _ = pre.parse_known_args(argv)
    return config.load(Path(known.config) if known.config else None)


def main(argv: Sequence[str] | None = None) -> int:
    if hasattr(signal, "SIGPIPE"):  # `situation-board log list | head` ends quietly
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    argv = list(sys.argv[1:] if argv is None else argv)
    language = "sv"
    try:
        settings = _early_config(argv)
        language = settings.language
        _argparse_language(language)
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        print(f"situation-board: {render_usage(str(exc), language)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BoardError as exc:
        print(f"situation-board: {exc.message(language)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    logs.setup(settings)
    ctx = Context(args=args, settings=settings, language=language)
    func: Callable[[Context], int] = getattr(args, "func", cmd_window)
    try:
        if func in READ_ONLY and not ctx.db_path.exists():
            raise BoardError("board_missing", path=str(ctx.db_path))
        return func(ctx)
    except BoardError as exc:
        print(f"situation-board: {exc.message(language)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        ctx.close()


def render_usage(message: str, language: str) -> str:
    if language == "en":
        return f"usage error: {message} (see --help)"
    return f"fel i kommandoraden: {message} (se --help)"
