"""The command line's grammar (DESIGN §6): every command, option and help text.

Help texts are English message ids translated through the one catalogue, and so are argparse's
own messages and headings ("usage:", "the following arguments are required: …"), so ``--help``
and every usage error read in one language. Global options are accepted before or after the
command. The handlers live in the sibling modules; ``Handler`` is their type.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NoReturn

from situation_board import __version__, i18n
from situation_board.i18n import N_, _

if TYPE_CHECKING:
    from situation_board.cli.invocation import Invocation

Handler = Callable[["Invocation"], int]

# argparse's own messages (Python 3.11–3.13), marked for the catalogue: argparse looks them up
# through its module-level ``_``/``ngettext`` at call time, which ``localise_argparse`` routes
# to ours.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("expected %s argument"),
    N_("expected %s arguments"),
    N_("invalid %(type)s value: %(value)r"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
)


def localise_argparse() -> None:
    """Route argparse's messages through the catalogue in the process's UI language."""
    setattr(argparse, "_", i18n._)  # noqa: B010 - argparse reads its module global
    setattr(argparse, "ngettext", i18n.ngettext)  # noqa: B010


class UsageError(Exception):
    """argparse found bad syntax; reported like every other bad input (one line, status 2)."""


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that raises ``UsageError`` instead of printing and exiting."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _add_globals(p: argparse.ArgumentParser, *, top: bool) -> None:
    d = None if top else argparse.SUPPRESS
    g = p.add_argument_group(_("global options"))
    g.add_argument("--db", default=d, metavar="PATH", help=_("the local store (a SQLite file)"))
    g.add_argument("--config", default=d, metavar="PATH", help=_("configuration file (TOML)"))
    g.add_argument("--station", default=d, metavar="CODE", help=_("station code, e.g. V1"))
    g.add_argument("--user", default=d, metavar="NAME", help=_("name recorded on entries"))


def build_parser(handlers: Mapping[str, object]) -> Parser:
    """The whole grammar; ``handlers`` maps each command path ("log add") to its handler (or
    the handler's name: ``cli.HANDLERS``, imported when the command runs).

    Raises ``KeyError`` when a command has no handler (a programming error).
    """
    root = Parser(
        prog="situation-board",
        description=_("Situation board for the regional special healthcare command (RSSL)."),
    )
    root.add_argument("--version", action="version", version=f"situation-board {__version__}")
    _add_globals(root, top=True)
    sub = root.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=Parser)

    def cmd(parent: Any, name: str, help_: str, path: str | None = None) -> Parser:
        p: Parser = parent.add_parser(name, help=help_, description=help_)
        _add_globals(p, top=False)
        if (path or name) not in handlers:
            raise KeyError(path or name)
        p.set_defaults(command_path=path or name)
        return p

    def group(name: str, help_: str) -> Any:
        p = sub.add_parser(name, help=help_, description=help_)
        return p.add_subparsers(
            dest="action", metavar=_("SUBCOMMAND"), required=True, parser_class=Parser
        )

    p = cmd(sub, "wall", _("open the wall display"))
    p.add_argument("--screen", type=int, default=None, help=_("screen number, from 0"))
    p.add_argument("--windowed", action="store_true", help=_("in a window, not fullscreen"))

    p = cmd(sub, "demo", _("build a demo board from the January 2024 case and open it"))
    p.add_argument("--no-gui", action="store_true", help=_("only build the board"))
    p.add_argument(
        "--as-of", metavar="ISO", help=_("replay on the real dates up to ISO; the clock runs on")
    )

    p = cmd(sub, "station", _("show or change this board's station code"))
    p.add_argument("code", nargs="?", metavar="CODE")

    ev = group("event", _("events"))
    p = cmd(ev, "new", _("start a new event"), "event new")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--exercise", action="store_true", help=_("an exercise (ÖVNING)"))
    p.add_argument("--started", metavar="ISO", help=_("when it started (default now)"))
    p.add_argument(
        "--template", metavar="ID", help=_("start from an event template (see template list)")
    )
    p = cmd(ev, "close", _("close the active event"), "event close")
    p.add_argument("--reason", required=True, help=_("why it is closed"))
    p.add_argument("--event", metavar="ID", help=_("another open event (see event list)"))
    p = cmd(ev, "list", _("list events"), "event list")
    p.add_argument("--json", action="store_true", help=_("as JSON"))

    lv = group("level", _("readiness level"))
    p = cmd(lv, "set", _("decide the readiness level"), "level set")
    p.add_argument("level", metavar="LEVEL", help=_("normal, staff, reinforced, disaster"))
    p.add_argument("--reason", required=True, help=_("the reason for the decision"))
    p.add_argument("--by", metavar="NAME", help=_("who decided (default: you)"))
    p.add_argument("--scope", metavar="UNIT", help=_("the region (default) or a unit"))
    p.add_argument("--decided", metavar="ISO", help=_("when it was decided (default now)"))
    cmd(lv, "history", _("the decisions of the active event"), "level history")

    sy = group("system", _("affected systems"))
    for name, help_ in (("add", _("register an affected system")), ("set", _("change a system"))):
        p = cmd(sy, name, help_, f"system {name}")
        if name == "add":
            p.add_argument("name", metavar="NAME")
        else:
            p.add_argument("ref", metavar="NAME_OR_ID")
        p.add_argument(
            "--status", required=name == "add", help=_("functional, limited, down, unknown")
        )
        if name == "set":
            p.add_argument("--name", dest="new_name", metavar="NAME", help=_("a new name"))
        p.add_argument("--supplier", help=_("the supplier"))
        p.add_argument("--processes", help=_("affected processes"))
        p.add_argument("--reserve-routine", metavar="TEXT", help=_("the reserve routine"))
        rr = p.add_mutually_exclusive_group()
        rr.add_argument(
            "--reserve-active",
            dest="reserve_active",
            action="store_true",
            default=None,
            help=_("the reserve routine is active"),
        )
        rr.add_argument(
            "--reserve-inactive",
            dest="reserve_active",
            action="store_false",
            help=_("the reserve routine is not active"),
        )
        p.add_argument("--workaround", metavar="TEXT", help=_("workaround or alternative solution"))
        p.add_argument(
            "--prognosis",
            metavar="TEXT_OR_ISO",
            help=_("when it is expected back: a time, words, or 'ingen'"),
        )
        pd = p.add_mutually_exclusive_group()
        pd.add_argument(
            "--personal-data",
            dest="personal_data",
            action="store_true",
            default=None,
            help=_("personal data may be affected"),
        )
        pd.add_argument(
            "--no-personal-data",
            dest="personal_data",
            action="store_false",
            help=_("personal data is not affected"),
        )
        p.add_argument("--next-update", metavar="ISO", help=_("when the next update is due"))
        p.add_argument(
            "--comment", default="", help=_("comment for the journal (needed for a status change)")
        )
    cmd(sy, "list", _("list the systems"), "system list")

    ac = group("action", _("actions"))
    p = cmd(ac, "add", _("a new action"), "action add")
    p.add_argument("title", metavar="TITLE")
    p.add_argument("--owner", default="", help=_("person or function responsible"))
    p.add_argument("--due", metavar="ISO", help=_("due time"))
    p.add_argument("--priority", default="normal", help=_("high, normal, low"))
    p.add_argument("--system", metavar="NAME_OR_ID", help=_("the affected system it concerns"))
    p = cmd(ac, "set", _("change an action"), "action set")
    p.add_argument("ref", metavar="ID")
    p.add_argument("--title", help=_("a new title"))
    p.add_argument("--owner", help=_("person or function responsible"))
    p.add_argument("--due", metavar="ISO", help=_("due time ('-' for none)"))
    p.add_argument("--priority", help=_("high, normal, low"))
    p.add_argument("--status", help=_("open, in_progress, done, cancelled"))
    p.add_argument("--system", metavar="NAME_OR_ID", help=_("the affected system it concerns"))
    p = cmd(ac, "done", _("mark an action done"), "action done")
    p.add_argument("ref", metavar="ID")
    p = cmd(ac, "list", _("list the actions"), "action list")
    p.add_argument("--json", action="store_true", help=_("as JSON"))

    lg = group("log", _("staff journal"))
    p = cmd(lg, "add", _("a new journal entry"), "log add")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--category", default="information", help=_("information, decision, …"))
    p.add_argument("--occurred", metavar="ISO", help=_("when it happened (default now)"))
    p.add_argument("--medium", help=_("phone, rakel, email, wis, meeting, other"))
    p.add_argument("--from", dest="from_party", default="", help=_("sender"))
    p.add_argument("--to", dest="to_party", default="", help=_("recipient"))
    p.add_argument("--corrects", metavar="ID_OR_NUMBER", help=_("the entry this corrects"))
    p.add_argument("--hidden-from-wall", action="store_true", help=_("hide from the wall"))
    p.add_argument("--force", action="store_true", help=_("save despite a personnummer"))
    p = cmd(lg, "list", _("list the journal"), "log list")
    p.add_argument("--since", metavar="ISO", help=_("from this time"))
    p.add_argument("--until", metavar="ISO", help=_("until this time"))
    p.add_argument("--json", action="store_true", help=_("as JSON"))

    p = cmd(sub, "handover", _("sign a shift handover"))
    p.add_argument("--from", dest="from_person", required=True, metavar="NAME")
    p.add_argument("--to", dest="to_person", required=True, metavar="NAME")
    p.add_argument("--note", default="", help=_("the outgoing person's note"))
    p.add_argument("--pdf", metavar="PATH", help=_("also save the signed brief as PDF"))

    dl = group("deadline", _("statutory deadlines"))
    p = cmd(dl, "add", _("start a deadline clock"), "deadline add")
    p.add_argument(
        "kind",
        metavar="KIND",
        help=_(
            "imy_breach (72 h), imy_supplement, nis2 (early warning 24 h, notification 72 h, "
            "final report), police_report, custom"
        ),
    )
    p.add_argument("--aware", metavar="ISO", help=_("when the organisation became aware"))
    due = p.add_mutually_exclusive_group()
    due.add_argument("--due", metavar="ISO", help=_("due time (police_report, imy_supplement)"))
    due.add_argument("--hours", metavar="H", help=_("hours from awareness (custom)"))
    p.add_argument("--title", default="", help=_("a title (default: the kind)"))
    p.add_argument("--follows", metavar="ID", help=_("the deadline this one follows"))
    p = cmd(dl, "report", _("mark a deadline as reported"), "deadline report")
    p.add_argument("ref", metavar="ID")
    p.add_argument("--reported", metavar="ISO", help=_("when it was reported (default now)"))
    p.add_argument("--reference", default="", help=_("the authority's reference"))
    p.add_argument(
        "--late-reason", default="", help=_("why it was late (required after the due time)")
    )
    p = cmd(dl, "not-required", _("close a deadline as not required"), "deadline not-required")
    p.add_argument("ref", metavar="ID")
    p.add_argument("--reason", required=True, help=_("why no report is required"))
    p = cmd(dl, "list", _("list the deadline clocks"), "deadline list")
    p.add_argument("--json", action="store_true", help=_("as JSON"))

    br = group("briefing", _("staff briefings"))
    p = cmd(br, "add", _("schedule a staff briefing"), "briefing add")
    p.add_argument("at", metavar="ISO", help=_("the time (the first one of a rhythm)"))
    rhythm = p.add_mutually_exclusive_group()
    rhythm.add_argument("--every", metavar="HOURS", help=_("repeat every HOURS hours"))
    rhythm.add_argument(
        "--daily", metavar="HH:MM,...", help=_("repeat daily at these times, e.g. 08:00,13:00")
    )
    p.add_argument("--title", default=None, help=_("the title (default: Stabsorientering)"))
    p = cmd(br, "list", _("list the briefings"), "briefing list")
    p.add_argument("--json", action="store_true", help=_("as JSON"))
    p = cmd(br, "cancel", _("cancel a briefing or stop a rhythm"), "briefing cancel")
    p.add_argument("ref", metavar="ID")
    p = cmd(br, "agenda", _("the agenda of the next briefing"), "briefing agenda")
    p.add_argument("--briefing", metavar="ID", help=_("another briefing (see briefing list)"))
    p.add_argument(
        "--pdf", metavar="PATH", help=_("write the agenda to a PDF file instead of showing it")
    )
    p = cmd(br, "decision", _("record a decision taken at the briefing"), "briefing decision")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--briefing", metavar="ID", help=_("the briefing (default: the one under way)"))
    p.add_argument("--occurred", metavar="ISO", help=_("when it was decided (default now)"))

    tp = group("template", _("event templates"))
    p = cmd(tp, "list", _("list the event templates"), "template list")
    p.add_argument("--json", action="store_true", help=_("as JSON"))

    p = cmd(sub, "show", _("show the whole board"))
    p.add_argument("--json", action="store_true", help=_("as JSON (documented shape)"))

    ex = group("export", _("documents and the archive"))
    p = cmd(ex, "journal-csv", _("the staff journal as CSV for Excel"), "export journal-csv")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--since", metavar="ISO", help=_("from this time"))
    p.add_argument("--until", metavar="ISO", help=_("until this time"))
    p = cmd(ex, "journal-json", _("the staff journal as JSON"), "export journal-json")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--since", metavar="ISO", help=_("from this time"))
    p.add_argument("--until", metavar="ISO", help=_("until this time"))
    p = cmd(ex, "journal-pdf", _("the staff journal as PDF"), "export journal-pdf")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--since", metavar="ISO", help=_("from this time"))
    p.add_argument("--until", metavar="ISO", help=_("until this time"))
    p = cmd(ex, "board-pdf", _("the board on one A4 page (landscape)"), "export board-pdf")
    p.add_argument("file", metavar="FILE")
    p = cmd(
        ex,
        "lagesbild",
        _("situation report in MSB's structure (.pdf, .txt or -)"),
        "export lagesbild",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--section", action="append", metavar="PART=TEXT", help=_("the staff's text"))
    p.add_argument("--contact", default="", metavar="TEXT", help=_("contact person"))
    p = cmd(ex, "archive", _("the closure archive package for the registry"), "export archive")
    p.add_argument("dir", metavar="DIR")
    for p in ex.choices.values():
        p.add_argument("--event", metavar="ID", help=_("a closed event (id, see event list)"))

    st = group("store", _("shared store"))
    cmd(st, "init", _("create or upgrade a shared store"), "store init").add_argument("url")
    cmd(
        st, "password", _("save the store's password in the keyring"), "store password"
    ).add_argument("url")
    p = cmd(sub, "sync", _("sync with the shared store"))
    p.add_argument("--once", action="store_true", help=_("one sync, then exit"))
    p.add_argument("--store", metavar="URL", help=_("sqlite:///file.db or postgresql+psycopg://…"))
    p = cmd(sub, "verify", _("check the journal's hash chains (board, store or archive)"))
    p.add_argument("--store", metavar="URL", help=_("check this shared store"))
    p.add_argument("archive", nargs="?", metavar="ARCHIVE_DIR", help=_("check this archive"))
    return root
