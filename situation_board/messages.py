"""User-facing messages of the Qt-free core, in Swedish (default) and English.

The window has its own strings in Qt's translation system; errors raised by the core reach the user
through this catalogue, so the CLI and the window say the same thing.
"""

from __future__ import annotations

from typing import Any

from situation_board.domain.enums import Labelled

FIELDS: dict[str, tuple[str, str]] = {
    "text": ("texten", "the text"),
    "name": ("namnet", "the name"),
    "title": ("rubriken", "the title"),
    "reason": ("motiveringen", "the reason"),
    "decided_by": ("beslutsfattaren", "the decider"),
    "scope": ("omfattningen", "the scope"),
    "level": ("beredskapsläget", "the readiness level"),
    "status": ("statusen", "the status"),
    "priority": ("prioriteten", "the priority"),
    "category": ("kategorin", "the category"),
    "medium": ("mediet", "the medium"),
    "function": ("funktionen", "the function"),
    "kind": ("fristtypen", "the deadline kind"),
    "occurred": ("händelsetiden", "the time of occurrence"),
    "started": ("starttiden", "the start time"),
    "due": ("förfallotiden", "the due time"),
    "time": ("tiden", "the time"),
    "since": ("från-tiden", "the since time"),
    "until": ("till-tiden", "the until time"),
    "aware": ("tidpunkten för kännedom", "the time of awareness"),
    "reported": ("rapporteringstiden", "the reporting time"),
    "next_update": ("nästa uppdatering", "the next update"),
    "prognosis": ("prognosen", "the prognosis"),
    "from": ("avsändaren", "the sender"),
    "to": ("mottagaren", "the recipient"),
    "note": ("anteckningen", "the note"),
    "owner": ("ansvarig", "the owner"),
    "supplier": ("leverantören", "the supplier"),
    "comment": ("kommentaren", "the comment"),
    "from_person": ("den som lämnar över", "the outgoing person"),
    "to_person": ("den som tar över", "the incoming person"),
    "station": ("stationskoden", "the station code"),
    "user": ("användarnamnet", "the user name"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    "empty_text": ("{field} får inte vara {tom}.", "{field} must not be empty."),
    "text_too_long": (
        "{field} är för lång (högst {limit} tecken).",
        "{field} is too long (at most {limit} characters).",
    ),
    "unknown_choice": (
        "Okänt värde för {field}: ”{value}”. Välj bland: {choices}.",
        "Unknown value for {field}: “{value}”. Choose from: {choices}.",
    ),
    "empty_time": ("{field} saknas.", "{field} is missing."),
    "bad_time": (
        "Kan inte tolka {field}: ”{value}”. Skriv t.ex. 2024-01-29T16:00 eller 16:00.",
        "Cannot read {field}: “{value}”. Write e.g. 2024-01-29T16:00 or 16:00.",
    ),
    "absurd_date": (
        "Orimligt datum för {field}: {value} (tillåtet är år 2000–2100).",
        "Absurd date for {field}: {value} (years 2000–2100 are allowed).",
    ),
    "ambiguous_time": (
        "{field} {value} finns två gånger när sommartiden slutar; ange förskjutning, "
        "t.ex. +02:00 eller +01:00.",
        "{field} {value} occurs twice when summer time ends; give the offset, e.g. +02:00 or +01:00.",
    ),
    "nonexistent_time": (
        "{field} {value} finns inte (klockan ställs fram till sommartid).",
        "{field} {value} does not exist (clocks go forward to summer time).",
    ),
    "time_in_future": ("{field} ligger i framtiden.", "{field} is in the future."),
    "period_reversed": (
        "Perioden slutar innan den börjar.",
        "The period ends before it starts.",
    ),
    "bad_station_code": (
        "Ogiltig stationskod ”{value}”: 1–6 versaler eller siffror, t.ex. V1.",
        "Invalid station code “{value}”: 1–6 capital letters or digits, e.g. V1.",
    ),
    "no_active_event": (
        "Det finns ingen aktiv händelse. Starta en med ”Ny händelse” "
        "(situation-board event new NAMN).",
        "There is no active event. Start one with “New event” (situation-board event new NAME).",
    ),
    "event_already_active": (
        "Händelsen ”{name}” är redan aktiv. Avsluta den innan en ny startas.",
        "The event “{name}” is already active. Close it before starting a new one.",
    ),
    "not_found": (
        "Hittar {what_none} som matchar ”{ref}”.",
        "No {what} matches “{ref}”.",
    ),
    "ambiguous_ref": (
        "”{ref}” matchar flera {what_many}: {matches}. Ange mer av id:t.",
        "“{ref}” matches several {what}: {matches}. Give more of the id.",
    ),
    "duplicate_system": (
        "Systemet ”{name}” finns redan på lägesbilden.",
        "The system “{name}” is already on the board.",
    ),
    "nothing_to_change": (
        "Inget att ändra: ange minst ett fält.",
        "Nothing to change: give at least one field.",
    ),
    "correction_target_missing": (
        "Rättelsen pekar på en post som inte finns: ”{ref}”.",
        "The correction points at an entry that does not exist: “{ref}”.",
    ),
    "personnummer": (
        "Texten ser ut att innehålla ett personnummer. Patientuppgifter hör inte hemma på "
        "lägesbilden. Skriv om texten, eller bekräfta (--force) så döljs posten på väggskärmen.",
        "The text looks like it contains a personal identity number. Patient data does not "
        "belong on the board. Rewrite it, or confirm (--force) and the entry is hidden from the wall.",
    ),
    "personnummer_field": (
        "{field} ser ut att innehålla ett personnummer. Patientuppgifter hör inte hemma på "
        "lägesbilden; skriv om texten.",
        "{field} looks like it contains a personal identity number. Patient data does not "
        "belong on the board; rewrite it.",
    ),
    "personnummer_confirm": (
        "Texten ser ut att innehålla ett personnummer. Patientuppgifter hör inte hemma på "
        "lägesbilden. Posten döljs på väggskärmen; tryck Spara igen för att spara ändå.",
        "The text looks like it contains a personal identity number. Patient data does not "
        "belong on the board. The entry will be hidden from the wall; press Save again to save.",
    ),
    "time_in_past_refused": (
        "Förfallotiden har redan passerat. Ange en senare tid.",
        "The due time has already passed. Give a later time.",
    ),
    "station_code_mismatch": (
        "Den här lokala tavlan är station {have} och har redan journalposter med den koden; "
        "inställningen säger {wanted}. Byt kod med ”situation-board station {wanted}” (eller i "
        "fönstret: Arkiv → Vem arbetar här…), eller ta bort station/--station.",
        "This local board is station {have} and already has journal entries with that code; the "
        "setting says {wanted}. Change the code with “situation-board station {wanted}” (or in "
        "the window: File → Who am I…), or remove station/--station.",
    ),
    "bad_screen": (
        "Skärm {value} finns inte; det finns {count} skärm(ar), numrerade från 0.",
        "Screen {value} does not exist; there are {count} screen(s), numbered from 0.",
    ),
    "comment_required": (
        "Skriv en kommentar till journalen när statusen ändras.",
        "Write a comment for the journal when the status changes.",
    ),
    "schema_too_new": (
        "Databasen {path} har skapats av en nyare version av programmet (schema {found}). "
        "Uppdatera situation-board; inget har ändrats.",
        "The database {path} was written by a newer version of the program (schema {found}). "
        "Update situation-board; nothing was changed.",
    ),
    "board_missing": (
        "Det finns ingen tavla i {path}. Stämmer --db? En ny tavla skapas när programmet startas "
        "eller en händelse startas (situation-board event new …); inget har skapats.",
        "There is no board in {path}. Is --db right? A new board is made when the program starts "
        "or an event is started (situation-board event new …); nothing was created.",
    ),
    "db_unusable": (
        "Kan inte öppna databasen {path}: {reason}",
        "Cannot open the database {path}: {reason}",
    ),
    "bad_config": (
        "Fel i konfigurationsfilen {path}: {reason}",
        "Error in the configuration file {path}: {reason}",
    ),
    "deadline_already_reported": (
        "Fristen ”{title}” är redan rapporterad.",
        "The deadline “{title}” has already been reported.",
    ),
    "due_required": (
        "Ange förfallotid (--due) för den här typen av frist.",
        "Give a due time (--due) for this kind of deadline.",
    ),
    "demo_exists": (
        "Databasen {path} innehåller redan data. Välj en ny fil för demon (--db).",
        "The database {path} already holds data. Choose a new file for the demo (--db).",
    ),
    "demo_missing": (
        "Demodata saknas: {path}",
        "Demo data is missing: {path}",
    ),
    "archive_dir_not_empty": (
        "Mappen {path} är inte tom. Ange en ny eller tom mapp för arkivet; inget har skrivits.",
        "The folder {path} is not empty. Give a new or empty folder for the archive; "
        "nothing was written.",
    ),
    "archive_not_a_folder": (
        "{path} är en fil, inte en mapp. Ange en ny eller tom mapp för arkivet.",
        "{path} is a file, not a folder. Give a new or empty folder for the archive.",
    ),
    "cannot_write": (
        "Kan inte skriva {path}: {reason}",
        "Cannot write {path}: {reason}",
    ),
    "bad_export_format": (
        "Okänt filformat för {path}: filnamnet ska sluta på {choices}.",
        "Unknown file format for {path}: the file name must end in {choices}.",
    ),
    "unknown_report_section": (
        "Okänd del av lägesbilden: ”{value}”. Skriv DEL=TEXT med DEL bland: {choices}.",
        "Unknown part of the situation report: “{value}”. Write PART=TEXT with PART one of: "
        "{choices}.",
    ),
    "no_event_to_export": (
        "Det finns ingen aktiv händelse. Ange en avslutad med --event ID (se event list).",
        "There is no active event. Give a closed one with --event ID (see event list).",
    ),
    # ------------------------------------------------------------------ sync and shared stores
    "store_url_bad": (
        "Ogiltig adress till den gemensamma databasen: ”{url}”. Ange sqlite:///sökväg/till/fil.db "
        "eller postgresql+psycopg://användare@värd/databas.",
        "Invalid shared store address: “{url}”. Give sqlite:///path/to/file.db "
        "or postgresql+psycopg://user@host/database.",
    ),
    "store_url_has_password": (
        "Adressen {url} får inte innehålla lösenord; spara det med "
        "”situation-board store password URL”.",
        "The address {url} must not contain a password; save it with "
        "“situation-board store password URL”.",
    ),
    "store_not_configured": (
        "Ingen gemensam databas är inställd: ange --store URL eller store_url i konfigurationen.",
        "No shared store is configured: give --store URL or store_url in the configuration.",
    ),
    "store_missing": (
        "Den gemensamma databasen {store} finns inte. Skapa den med ”situation-board store init {store}”.",
        "The shared store {store} does not exist. Create it with "
        "“situation-board store init {store}”.",
    ),
    "store_not_initialised": (
        "Den gemensamma databasen {store} är inte initierad. Kör ”situation-board store init {store}”.",
        "The shared store {store} is not initialised. Run “situation-board store init {store}”.",
    ),
    "store_schema_newer": (
        "Uppdatering krävs: den gemensamma databasen {store} har uppgraderats av en nyare version av "
        "situation-board. Inget skickas förrän programmet är uppdaterat; lokalt arbete fortsätter.",
        "Update required: the shared store {store} was upgraded by a newer version of "
        "situation-board. Nothing is sent until this program is updated; local work goes on.",
    ),
    "store_schema_older": (
        "Den gemensamma databasen {store} har ett äldre schema. Uppgradera den med "
        "”situation-board store init {store}”.",
        "The shared store {store} has an older schema. Upgrade it with "
        "“situation-board store init {store}”.",
    ),
    "store_auth_failed": (
        "Fel lösenord eller användare för den gemensamma databasen {store}. Spara rätt lösenord med "
        "”situation-board store password {store}”.",
        "Wrong password or user for the shared store {store}. Save the right password with "
        "“situation-board store password {store}”.",
    ),
    "store_password_missing": (
        "Den gemensamma databasen {store} kräver lösenord. Spara det med "
        "”situation-board store password {store}”.",
        "The shared store {store} needs a password. Save it with "
        "“situation-board store password {store}”.",
    ),
    "store_unreachable": (
        "Når inte den gemensamma databasen {store} ({reason}). Tavlan fungerar lokalt och synkar "
        "när databasen går att nå igen.",
        "Cannot reach the shared store {store} ({reason}). The board works locally and syncs "
        "when the store can be reached again.",
    ),
    "store_busy": (
        "Den gemensamma databasen {store} är upptagen (låst). Nytt försök görs strax.",
        "The shared store {store} is busy (locked). It will be tried again shortly.",
    ),
    "store_corrupt": (
        "Den gemensamma databasen {store} är skadad ({reason}). Återskapa den med "
        "”situation-board store init” på en ny plats.",
        "The shared store {store} is damaged ({reason}). Rebuild it with "
        "“situation-board store init” in a new place.",
    ),
    "store_permission_denied": (
        "Behörighet saknas i den gemensamma databasen {store} ({reason}).",
        "Permission denied in the shared store {store} ({reason}).",
    ),
    "store_error": (
        "Fel i den gemensamma databasen {store}: {reason}",
        "Error in the shared store {store}: {reason}",
    ),
    "station_code_taken": (
        "Stationskoden {code} används redan av en annan station ({owner}) i den gemensamma databasen. "
        "Välj en annan kod (--station eller station i konfigurationen).",
        "The station code {code} is already used by another station ({owner}) in the shared "
        "store. Choose another code (--station or station in the configuration).",
    ),
    "push_gap": (
        "Den gemensamma databasen väntar på ändring nummer {expected} som saknas lokalt.",
        "The shared store expects change number {expected}, which is missing locally.",
    ),
    "pull_rejected": (
        "En hämtad ändring kunde inte sparas lokalt ({reason}); inget av sidan sparades.",
        "A pulled change could not be saved locally ({reason}); nothing of the page was saved.",
    ),
    "store_no_keyring": (
        "Ingen nyckelring finns på den här datorn; lösenordet för {store} kan inte sparas. "
        "Programmet frågar efter det vid varje körning i stället.",
        "There is no keyring on this computer; the password for {store} cannot be saved. "
        "The program asks for it each run instead.",
    ),
    "keyring_failed": (
        "Nyckelringen svarade med fel ({reason}).",
        "The keyring failed ({reason}).",
    ),
    "empty_password": ("Lösenordet får inte vara tomt.", "The password must not be empty."),
    "clock_skew_ahead": (
        "Klockan på den här datorn går {minutes} min före den gemensamma databasens klocka.",
        "This computer's clock is {minutes} min ahead of the shared store's clock.",
    ),
    "clock_skew_behind": (
        "Klockan på den här datorn går {minutes} min efter den gemensamma databasens klocka.",
        "This computer's clock is {minutes} min behind the shared store's clock.",
    ),
    "clock_remote_ahead": (
        "En annan station har en klocka som går mer än 5 minuter före; kontrollera klockorna.",
        "Another station's clock is more than 5 minutes ahead; check the clocks.",
    ),
}

# Swedish neuter field names take "tomt", not "tom".
NEUTER = frozenset({"name", "user", "medium", "level"})

WHAT: dict[str, tuple[str, str]] = {
    "system": ("system", "system"),
    "action": ("åtgärd", "action"),
    "entry": ("journalpost", "journal entry"),
    "deadline": ("frist", "deadline"),
    "briefing": ("stabsorientering", "briefing"),
    "event": ("händelse", "event"),
    "conflict": ("konflikt", "conflict"),
}


# Swedish needs the noun's gender and plural: "inget system", "ingen åtgärd", "flera åtgärder".
WHAT_NONE_SV: dict[str, str] = {
    "system": "inget system",
    "action": "ingen åtgärd",
    "entry": "ingen journalpost",
    "deadline": "ingen frist",
    "briefing": "ingen stabsorientering",
    "event": "ingen händelse",
}
WHAT_MANY_SV: dict[str, str] = {
    "system": "system",
    "action": "åtgärder",
    "entry": "journalposter",
    "deadline": "frister",
    "briefing": "stabsorienteringar",
    "event": "händelser",
}


def _pick(pair: tuple[str, str], language: str) -> str:
    return pair[1] if language == "en" else pair[0]


def render(key: str, language: str = "sv", **params: Any) -> str:
    """The message for ``key`` with its parameters filled in (field names translated)."""
    template = MESSAGES.get(key)
    if template is None:
        return f"{key}: {params}"
    values = {
        k: v.choices(language) if isinstance(v, type) and issubclass(v, Labelled) else v
        for k, v in params.items()
    }
    if key == "empty_text":
        values["tom"] = "tomt" if values.get("field") in NEUTER else "tom"
    if "field" in values:
        values["field"] = _pick(FIELDS.get(values["field"], (values["field"],) * 2), language)
    if "what" in values:
        what = values["what"]
        values["what"] = _pick(WHAT.get(what, (what,) * 2), language)
        values["what_none"] = WHAT_NONE_SV.get(what, f"inget {values['what']}")
        values["what_many"] = WHAT_MANY_SV.get(what, values["what"])
    text = _pick(template, language).format(**values)
    return text[0].upper() + text[1:]
