"""Enumerations of DESIGN §2, each value with a Swedish and an English label.

The enum *value* is the stable code name used in the database, the outbox and ``show --json``;
the labels are for people. Parsing accepts the code name or either label, case-insensitively.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class Labelled(StrEnum):
    """A string enum whose members carry ``sv`` and ``en`` labels (see ``_LABELS``)."""

    @property
    def sv(self) -> str:
        return _LABELS[type(self)][self.value][0]

    @property
    def en(self) -> str:
        return _LABELS[type(self)][self.value][1]

    def label(self, language: str = "sv") -> str:
        return self.en if language == "en" else self.sv

    @classmethod
    def parse(cls, text: str) -> Self:
        """The member whose code name or label equals ``text`` (case-insensitive); ValueError else."""
        wanted = text.strip().casefold()
        for member in cls:
            if wanted in (member.value.casefold(), member.sv.casefold(), member.en.casefold()):
                return member
        raise ValueError(text)

    @classmethod
    def choices(cls, language: str = "sv") -> str:
        """The accepted code names with their labels, for error messages."""
        return ", ".join(f"{m.value} ({m.label(language)})" for m in cls)


class ReadinessLevel(Labelled):
    """Beredskapsläge (Socialstyrelsen's levels), in rising order."""

    NORMAL = "normal"
    STAFF = "staff"
    REINFORCED = "reinforced"
    DISASTER = "disaster"

    @property
    def rank(self) -> int:
        return list(ReadinessLevel).index(self)


class SystemStatus(Labelled):
    """Status of an affected system."""

    FUNCTIONAL = "functional"
    LIMITED = "limited"
    DOWN = "down"
    UNKNOWN = "unknown"

    @property
    def severity(self) -> int:
        """Higher is worse; used to sort the systems panel (down first)."""
        return {"down": 3, "unknown": 2, "limited": 1, "functional": 0}[self.value]


class ActionStatus(Labelled):
    """Status of an action (åtgärd)."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def is_closed(self) -> bool:
        return self in (ActionStatus.DONE, ActionStatus.CANCELLED)


class Priority(Labelled):
    """Priority of an action."""

    HIGH = "high"
    NORMAL = "normal"
    LOW = "low"

    @property
    def rank(self) -> int:
        return {"high": 0, "normal": 1, "low": 2}[self.value]


class EntryCategory(Labelled):
    """Category of a journal entry; ``system`` entries are written by the app itself."""

    INFORMATION = "information"
    DECISION = "decision"
    ACTION = "action"
    CONTACT = "contact"
    SIGNIFICANT = "significant"
    HANDOVER = "handover"
    SYSTEM = "system"


class Medium(Labelled):
    """How a message reached or left the staff."""

    PHONE = "phone"
    RAKEL = "rakel"
    EMAIL = "email"
    WIS = "wis"
    MEETING = "meeting"
    OTHER = "other"


class StaffFunction(Labelled):
    """The function a user works in; recorded on every journal entry."""

    MEDICAL_COMMANDER = "medical_commander"
    CHIEF_OF_STAFF = "chief_of_staff"
    LOG_KEEPER = "log_keeper"
    INFORMATION_OFFICER = "information_officer"
    OTHER = "other"


class DeadlineKind(Labelled):
    """A statutory or agreed reporting deadline (lagstadgad frist)."""

    IMY_BREACH = "imy_breach"
    NIS_EARLY_WARNING = "nis_early_warning"
    POLICE_REPORT = "police_report"
    OTHER = "other"

    @property
    def default_hours(self) -> int | None:
        """Hours from awareness to due, where the rule fixes one (GDPR art. 33: 72 h; NIS2: 24 h)."""
        return {"imy_breach": 72, "nis_early_warning": 24}.get(self.value)


class DeadlineStatus(Labelled):
    """Derived state of a deadline clock at a given instant."""

    RUNNING = "running"
    OVERDUE = "overdue"
    REPORTED = "reported"
    REPORTED_LATE = "reported_late"


# Labels per enum class (StrEnum members of different classes with the same value compare
# equal, so one flat dict keyed by member would mix them up).
_LABELS: dict[type[Labelled], dict[str, tuple[str, str]]] = {
    ReadinessLevel: {
        ReadinessLevel.NORMAL.value: ("Normalläge", "Normal"),
        ReadinessLevel.STAFF.value: ("Stabsläge", "Staff mode"),
        ReadinessLevel.REINFORCED.value: ("Förstärkningsläge", "Reinforced mode"),
        ReadinessLevel.DISASTER.value: ("Katastrofläge", "Disaster mode"),
    },
    SystemStatus: {
        SystemStatus.FUNCTIONAL.value: ("Fungerar", "Functional"),
        SystemStatus.LIMITED.value: ("Begränsad funktion", "Limited"),
        SystemStatus.DOWN.value: ("Ur funktion", "Down"),
        SystemStatus.UNKNOWN.value: ("Okänt läge", "Unknown"),
    },
    ActionStatus: {
        ActionStatus.OPEN.value: ("Öppen", "Open"),
        ActionStatus.IN_PROGRESS.value: ("Pågår", "In progress"),
        ActionStatus.DONE.value: ("Klar", "Done"),
        ActionStatus.CANCELLED.value: ("Avbruten", "Cancelled"),
    },
    Priority: {
        Priority.HIGH.value: ("Hög", "High"),
        Priority.NORMAL.value: ("Normal", "Normal"),
        Priority.LOW.value: ("Låg", "Low"),
    },
    EntryCategory: {
        EntryCategory.INFORMATION.value: ("Information", "Information"),
        EntryCategory.DECISION.value: ("Beslut", "Decision"),
        EntryCategory.ACTION.value: ("Åtgärd", "Action"),
        EntryCategory.CONTACT.value: ("Kontakt", "Contact"),
        EntryCategory.SIGNIFICANT.value: ("Väsentlig händelse", "Significant event"),
        EntryCategory.HANDOVER.value: ("Överlämning", "Handover"),
        EntryCategory.SYSTEM.value: ("System", "System"),
    },
    Medium: {
        Medium.PHONE.value: ("Telefon", "Phone"),
        Medium.RAKEL.value: ("Rakel", "Rakel"),
        Medium.EMAIL.value: ("E-post", "E-mail"),
        Medium.WIS.value: ("WIS", "WIS"),
        Medium.MEETING.value: ("Möte", "Meeting"),
        Medium.OTHER.value: ("Annat", "Other"),
    },
    StaffFunction: {
        StaffFunction.MEDICAL_COMMANDER.value: ("Sjukvårdsledare", "Medical commander"),
        StaffFunction.CHIEF_OF_STAFF.value: ("Stabschef", "Chief of staff"),
        StaffFunction.LOG_KEEPER.value: ("Loggist", "Log keeper"),
        StaffFunction.INFORMATION_OFFICER.value: ("Informationsansvarig", "Information officer"),
        StaffFunction.OTHER.value: ("Annan", "Other"),
    },
    DeadlineKind: {
        DeadlineKind.IMY_BREACH.value: (
            "Personuppgiftsincident till IMY",
            "Personal-data breach to IMY",
        ),
        DeadlineKind.NIS_EARLY_WARNING.value: (
            "NIS-incident, tidig varning",
            "NIS incident, early warning",
        ),
        DeadlineKind.POLICE_REPORT.value: ("Polisanmälan", "Police report"),
        DeadlineKind.OTHER.value: ("Annan frist", "Other deadline"),
    },
    DeadlineStatus: {
        DeadlineStatus.RUNNING.value: ("Pågår", "Running"),
        DeadlineStatus.OVERDUE.value: ("Försenad", "Overdue"),
        DeadlineStatus.REPORTED.value: ("Rapporterad", "Reported"),
        DeadlineStatus.REPORTED_LATE.value: ("Rapporterad för sent", "Reported late"),
    },
}
