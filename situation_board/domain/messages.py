"""The messages of the errors the core raises, as English message ids of the one catalogue.

A ``BoardError`` carries a message *key* and parameters; ``render`` looks the key's template up
here, translates it (``i18n.translations``) into the language asked for, fills in the parameters
— field names, the kind of thing not found, lists of choices and nested ``Text`` values are
translated too — and starts the sentence with a capital. The CLI prints the result on one line;
the window shows it beside the field it concerns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from situation_board.domain.enums import Labelled
from situation_board.i18n import N_, translations

FIELDS: dict[str, str] = {
    "text": N_("the text"),
    "name": N_("the name"),
    "title": N_("the title"),
    "reason": N_("the reason"),
    "decided_by": N_("the decider"),
    "scope": N_("the scope"),
    "level": N_("the readiness level"),
    "status": N_("the status"),
    "priority": N_("the priority"),
    "category": N_("the category"),
    "medium": N_("the medium"),
    "function": N_("the function"),
    "kind": N_("the deadline kind"),
    "occurred": N_("the time of occurrence"),
    "started": N_("the start time"),
    "due": N_("the due time"),
    "time": N_("the time"),
    "since": N_("the since time"),
    "until": N_("the until time"),
    "aware": N_("the time of awareness"),
    "reported": N_("the reporting time"),
    "next_update": N_("the next update"),
    "prognosis": N_("the prognosis"),
    "from": N_("the sender"),
    "to": N_("the recipient"),
    "note": N_("the note"),
    "owner": N_("the owner"),
    "supplier": N_("the supplier"),
    "comment": N_("the comment"),
    "from_person": N_("the outgoing person"),
    "to_person": N_("the incoming person"),
    "station": N_("the station code"),
    "user": N_("the user name"),
    "hours": N_("the number of hours"),
    "reference": N_("the reference"),
    "template": N_("the template"),
}

MESSAGES: dict[str, str] = {
    "empty_text": N_("{field} must not be empty."),
    "text_too_long": N_("{field} is too long (at most {limit} characters)."),
    "control_character": N_(
        "{field} contains a control character ({char}, character {position}). Only line breaks "
        "and tabs are allowed; remove it and try again."
    ),
    "not_utf8": N_("{field} contains bytes that are not valid UTF-8 text."),
    "argument_not_utf8": N_(
        "Argument {index} is not valid UTF-8 text: “{value}”. Write it in UTF-8; nothing was "
        "changed."
    ),
    "disk_full": N_(
        "Nothing was saved: the disk holding {path} is full. Free some space and try again."
    ),
    "db_read_only": N_(
        "Nothing was saved: the database {path} is read-only (the file, its folder or the disk)."
    ),
    "db_permission_denied": N_(
        "Nothing was saved: permission denied for the database {path} or its folder."
    ),
    "db_locked": N_(
        "Nothing was saved: the database {path} was locked by another program for more than "
        "{seconds} s. Try again."
    ),
    "db_io_error": N_(
        "Nothing was saved: the disk holding {path} reported an error ({reason}). The details "
        "are in the log: {log}"
    ),
    "unknown_choice": N_("Unknown value for {field}: “{value}”. Choose from: {choices}."),
    "empty_time": N_("{field} is missing."),
    "bad_time": N_("Cannot read {field}: “{value}”. Write e.g. 2024-01-29T16:00 or 16:00."),
    "absurd_date": N_("Absurd date for {field}: {value} (years 2000–2100 are allowed)."),
    "ambiguous_time": N_(
        "{field} {value} occurs twice when summer time ends; give the offset, e.g. +02:00 or "
        "+01:00."
    ),
    "nonexistent_time": N_("{field} {value} does not exist (clocks go forward to summer time)."),
    "time_in_future": N_("{field} is in the future."),
    "period_reversed": N_("The period ends before it starts."),
    "bad_station_code": N_(
        "Invalid station code “{value}”: 1–6 capital letters or digits, e.g. V1."
    ),
    "no_active_event": N_(
        "There is no active event. Start one with “New event” (situation-board event new NAME)."
    ),
    "event_already_active": N_(
        "The event “{name}” is already active. Close it before starting a new one."
    ),
    "not_found": N_("Nothing matches “{ref}”."),
    "ambiguous_ref": N_("“{ref}” matches several: {matches}. Give more of the id."),
    "duplicate_system": N_("The system “{name}” is already on the board."),
    "nothing_to_change": N_("Nothing to change: give at least one field."),
    "correction_target_missing": N_(
        "The correction points at an entry that does not exist: “{ref}”."
    ),
    "personnummer": N_(
        "The text looks like it contains a personal identity number. Patient data does not "
        "belong on the board. Rewrite it, or confirm (--force) and the entry is hidden from "
        "the wall."
    ),
    "personnummer_field": N_(
        "{field} looks like it contains a personal identity number. Patient data does not "
        "belong on the board; rewrite it."
    ),
    "personnummer_confirm": N_(
        "The text looks like it contains a personal identity number. Patient data does not "
        "belong on the board. The entry will be hidden from the wall; press Save again to "
        "save."
    ),
    "late_reason_required": N_(
        "“{title}” is reported after its due time: give the reasons for the delay (GDPR art. 33.1)."
    ),
    "time_in_past_refused": N_("The due time has already passed. Give a later time."),
    "station_code_mismatch": N_(
        "This local board is station {have} and already has journal entries with that code; "
        "the setting says {wanted}. Change the code with “situation-board station {wanted}” "
        "(or in the window: File → Who am I…), or remove station/--station."
    ),
    "bad_screen": N_(
        "Screen {value} does not exist; there are {count} screen(s), numbered from 0."
    ),
    "comment_required": N_("Write a comment for the journal when the status changes."),
    "undo_stale": N_(
        "Cannot undo ({change}): it has been changed since, by someone else or at another "
        "station. Nothing was changed."
    ),
    "personnummer_on_wall": N_(
        "Entry {number} looks like it contains a personal identity number and stays hidden "
        "from the wall."
    ),
    "schema_too_new": N_(
        "The database {path} was written by a newer version of the program (schema {found}). "
        "Update situation-board; nothing was changed."
    ),
    "board_missing": N_(
        "There is no board in {path}. Is --db right? A new board is made when the program "
        "starts or an event is started (situation-board event new …); nothing was created."
    ),
    "db_unusable": N_("Cannot open the database {path}: {reason}"),
    "no_display": N_(
        "There is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is "
        "set). Start the program in a desktop session, or use the command line (e.g. "
        "situation-board show)."
    ),
    "display_unreachable": N_(
        "Cannot connect to the display {display}. Is the desktop session running, and may this "
        "user use it? The command line works without a display (e.g. situation-board show)."
    ),
    "qt_libraries_missing": N_(
        "The window cannot open: Qt's {plugin} platform plugin needs {libraries}, which is not "
        "installed. Install it with: sudo apt install {packages}"
    ),
    "window_unavailable": N_("The demo board cannot open: {reason}"),
    "bad_config": N_("Error in the configuration file {path}: {reason}"),
    "deadline_already_reported": N_("The deadline “{title}” has already been reported."),
    "deadline_closed": N_("The deadline “{title}” is already closed ({status})."),
    "due_required": N_("Give a due time (--due) for this kind of deadline."),
    "custom_needs_time": N_(
        "Give the number of hours (--hours) or the due time (--due) for this deadline, not both."
    ),
    "deadline_due_missing": N_("Give the due time: this kind of deadline has no statutory time."),
    "deadline_hours_or_due": N_(
        "Give either the number of hours or the due time for this deadline (one of them)."
    ),
    "no_briefing_held": N_("No briefing is under way or has been held yet: schedule one first."),
    "bad_hours": N_("The number of hours must be more than 0 and at most {limit}, not {value}."),
    "bad_every_hours": N_(
        "Every how many hours: give a whole number from 1 to {limit}, not “{value}”."
    ),
    "bad_daily_times": N_("Cannot read the daily times “{value}”: write e.g. 08:00,13:00,16:00."),
    "briefing_cancelled": N_("The briefing “{title}” is already cancelled."),
    "no_briefing_in_progress": N_(
        "No briefing is under way now (from 15 minutes before its time to 2 hours after). "
        "Name the briefing (--briefing ID, see briefing list)."
    ),
    "template_broken": N_("The template {path} is broken at line {line}: {reason}"),
    "template_broken_file": N_("The template {path} is broken: {reason}"),
    "template_folder_unreadable": N_("The template folder {path} cannot be read: {reason}"),
    "demo_exists": N_(
        "The database {path} already holds data. Choose a new file for the demo (--db)."
    ),
    "demo_missing": N_("Demo data is missing: {path}"),
    "archive_dir_not_empty": N_(
        "The folder {path} is not empty. Give a new or empty folder for the archive; nothing "
        "was written."
    ),
    "archive_not_a_folder": N_(
        "{path} is a file, not a folder. Give a new or empty folder for the archive."
    ),
    "cannot_write": N_("Cannot write {path}: {reason}"),
    "bad_export_format": N_("Unknown file format for {path}: the file name must end in {choices}."),
    "unknown_report_section": N_(
        "Unknown part of the situation report: “{value}”. Write PART=TEXT with PART one of: "
        "{choices}."
    ),
    "no_event_to_export": N_(
        "There is no active event. Give a closed one with --event ID (see event list)."
    ),
    "store_url_bad": N_(
        "Invalid shared store address: “{url}”. Give sqlite:///path/to/file.db or "
        "postgresql+psycopg://user@host/database."
    ),
    "store_url_has_password": N_(
        "The address {url} must not contain a password; save it with “situation-board store "
        "password URL”."
    ),
    "store_not_configured": N_(
        "No shared store is configured: give --store URL or store_url in the configuration."
    ),
    "store_missing": N_(
        "The shared store {store} does not exist. Create it with “situation-board store init "
        "{store}”."
    ),
    "store_not_initialised": N_(
        "The shared store {store} is not initialised. Run “situation-board store init {store}”."
    ),
    "store_schema_newer": N_(
        "Update required: the shared store {store} was upgraded by a newer version of "
        "situation-board. Nothing is sent until this program is updated; local work goes on."
    ),
    "store_schema_older": N_(
        "The shared store {store} has an older schema. Upgrade it with “situation-board store"
        " init {store}”."
    ),
    "store_auth_failed": N_(
        "Wrong password or user for the shared store {store}. Save the right password with "
        "“situation-board store password {store}”."
    ),
    "store_password_missing": N_(
        "The shared store {store} needs a password. Save it with “situation-board store "
        "password {store}”."
    ),
    "store_auth_failed_no_keyring": N_(
        "Wrong password or user for the shared store {store}. This computer has no keyring: "
        "check the line for the store in the PostgreSQL password file ({pgpass}), or the client "
        "certificate (sslcert/sslkey in the address)."
    ),
    "store_password_missing_no_keyring": N_(
        "The shared store {store} needs a password, and this computer has no keyring to keep it "
        "in. Put it in the PostgreSQL password file ({pgpass}, mode 0600; or set PGPASSFILE), or "
        "use a client certificate (sslcert/sslkey in the address); at a terminal, sync asks for "
        "it."
    ),
    "store_unreachable": N_(
        "Cannot reach the shared store {store} ({reason}). The board works locally and syncs "
        "when the store can be reached again."
    ),
    "store_busy": N_("The shared store {store} is busy (locked). It will be tried again shortly."),
    "store_corrupt": N_(
        "The shared store {store} is damaged ({reason}). Rebuild it with “situation-board "
        "store init” in a new place."
    ),
    "store_permission_denied": N_("Permission denied in the shared store {store} ({reason})."),
    "store_error": N_("Error in the shared store {store}: {reason}"),
    "station_code_taken": N_(
        "The station code {code} is already used by another station ({owner}) in the shared "
        "store. Choose another code (--station or station in the configuration)."
    ),
    "chain_broken": N_(
        "The shared store refused the journal entries from {station}: entry {number} does not "
        "match its hash chain ({reason}). Nothing was saved; run “situation-board verify” on "
        "that station."
    ),
    "verify_one_place": N_("Give either --store or an archive folder, not both."),
    "not_an_archive": N_("{path} holds no closure archive (no chains.json)."),
    "push_gap": N_("The shared store expects change number {expected}, which is missing locally."),
    "pull_rejected": N_(
        "A pulled change could not be saved locally ({reason}); nothing of the page was saved."
    ),
    "store_no_keyring": N_(
        "There is no keyring on this computer; the password for {store} cannot be saved in it. "
        "Put it in the PostgreSQL password file ({pgpass}, mode 0600; or set PGPASSFILE), or use "
        "a client certificate (sslcert/sslkey in the address); at a terminal, sync asks for it."
    ),
    "keyring_failed": N_("The keyring failed ({reason})."),
    "empty_password": N_("The password must not be empty."),
    "clock_skew_ahead": N_(
        "This computer's clock is {minutes} min ahead of the shared store's clock."
    ),
    "clock_skew_behind": N_(
        "This computer's clock is {minutes} min behind the shared store's clock."
    ),
    "clock_remote_ahead": N_(
        "Another station's clock is more than 5 minutes ahead; check the clocks."
    ),
}

# "No action matches" needs the noun's gender and plural in Swedish ("inget system", "ingen
# åtgärd", "flera åtgärder"): one message per kind of thing.
NOT_FOUND: dict[str, str] = {
    "system": N_("No system matches “{ref}”."),
    "action": N_("No action matches “{ref}”."),
    "entry": N_("No journal entry matches “{ref}”."),
    "deadline": N_("No deadline matches “{ref}”."),
    "briefing": N_("No briefing matches “{ref}”."),
    "event": N_("No event matches “{ref}”."),
    "conflict": N_("No conflict matches “{ref}”."),
    "template": N_("No template matches “{ref}”."),
    "reminder": N_("No reminder matches “{ref}”."),
}
AMBIGUOUS: dict[str, str] = {
    "system": N_("“{ref}” matches several systems: {matches}. Give more of the id."),
    "action": N_("“{ref}” matches several actions: {matches}. Give more of the id."),
    "entry": N_("“{ref}” matches several journal entries: {matches}. Give more of the id."),
    "deadline": N_("“{ref}” matches several deadlines: {matches}. Give more of the id."),
    "briefing": N_("“{ref}” matches several briefings: {matches}. Give more of the id."),
    "event": N_("“{ref}” matches several events: {matches}. Give more of the id."),
    "conflict": N_("“{ref}” matches several conflicts: {matches}. Give more of the id."),
    "template": N_("“{ref}” matches several templates: {matches}. Give more of the id."),
    "reminder": N_("“{ref}” matches several reminders: {matches}. Give more of the id."),
}


@dataclass(frozen=True, slots=True)
class Text:
    """A translatable text with parameters, rendered in the language of the message it is part
    of (e.g. the reason inside "Error in the configuration file …: {reason}")."""

    message: str
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, language: str) -> str:
        """The text in ``language`` with its parameters filled in."""
        return translations(language).gettext(self.message).format(**_values(self.params, language))


def _values(params: dict[str, Any], language: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in params.items():
        if isinstance(value, type) and issubclass(value, Labelled):
            out[key] = value.choices(language)
        elif isinstance(value, Text):
            out[key] = value.render(language)
        elif isinstance(value, Labelled):
            out[key] = value.label(language)
        else:
            out[key] = value
    return out


def render(key: str, language: str = "sv", **params: Any) -> str:
    """The message for ``key`` in ``language`` (``sv``/``en``) with ``params`` filled in.

    ``field`` is a key of ``FIELDS``; ``what`` a key of ``NOT_FOUND``; ``no_keyring`` picks the
    ``<key>_no_keyring`` variant (the password file and client certificates instead of
    ``store password``); ``Labelled`` classes become
    their list of choices. An unknown key renders as ``key: params`` (never raises).
    """
    t = translations(language)
    what = params.get("what")
    if key == "not_found" and what in NOT_FOUND:
        template = NOT_FOUND[what]
    elif key == "ambiguous_ref" and what in AMBIGUOUS:
        template = AMBIGUOUS[what]
    elif params.get("no_keyring") and f"{key}_no_keyring" in MESSAGES:
        template = MESSAGES[f"{key}_no_keyring"]  # what works on a machine without a keyring
    else:
        template = MESSAGES.get(key, "")
    if not template:
        return f"{key}: {params}"
    values = _values(params, language)
    if "field" in values:
        name = values["field"]
        values["field"] = t.gettext(FIELDS[name]) if name in FIELDS else name
    text = t.gettext(template).format(**values)
    return text[0].upper() + text[1:]
