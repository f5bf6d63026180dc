"""Enumerations of DESIGN §2, each value with a label for people in the message catalogue.

The enum *value* is the stable code name used in the database, the outbox and ``show --json``;
the labels are for people: English message ids in ``_LABELS``, translated through the gettext
catalogue with the enum's class name as context (``pgettext``), since one English word can have
two Swedish labels ("Other": *Annat* medium, *Annan* function). Parsing accepts the code name or
the label in either language, case-insensitively.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from situation_board.domain.text import text_key
from situation_board.i18n import NC_, translations


class Labelled(StrEnum):
    """A string enum whose members carry a label in each UI language (see ``_LABELS``)."""

    @property
    def sv(self) -> str:
        """The Swedish label (the journal's record is always Swedish)."""
        return self.label("sv")

    @property
    def en(self) -> str:
        """The English label."""
        return self.label("en")

    def label(self, language: str = "sv") -> str:
        """The label in ``language`` (``sv`` or ``en``)."""
        cls = type(self)
        return translations(language).pgettext(cls.__name__, _LABELS[cls][self.value])

    @classmethod
    def parse(cls, text: str) -> Self:
        """The member whose code name or label equals ``text`` as people read it (``text_key``:
        case, Unicode form and white space aside); ValueError else."""
        wanted = text_key(text)
        for member in cls:
            if wanted in (text_key(member.value), text_key(member.sv), text_key(member.en)):
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
        """0 for Normalläge up to 3 for Katastrofläge."""
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
        """Done or cancelled."""
        return self in (ActionStatus.DONE, ActionStatus.CANCELLED)


class Priority(Labelled):
    """Priority of an action."""

    HIGH = "high"
    NORMAL = "normal"
    LOW = "low"

    @property
    def rank(self) -> int:
        """Sort order: high first."""
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
    """A statutory or agreed reporting deadline (lagstadgad frist); the rule of each kind is in
    ``domain.deadlines.RULES``.

    Code names are stored and synced, so they never change: ``nis_early_warning`` is the first
    NIS2 stage as before. ``other`` (the kind before issue 11) reads as ``custom``; ``nis2`` and
    ``nis`` are accepted as input for the NIS2 stages, which start together.
    """

    IMY_BREACH = "imy_breach"
    IMY_SUPPLEMENT = "imy_supplement"
    NIS_EARLY_WARNING = "nis_early_warning"
    NIS_NOTIFICATION = "nis_notification"
    NIS_FINAL_REPORT = "nis_final_report"
    POLICE_REPORT = "police_report"
    CUSTOM = "custom"

    @classmethod
    def _missing_(cls, value: object) -> DeadlineKind | None:
        """Old and short code names: ``DeadlineKind("other") is DeadlineKind.CUSTOM``."""
        if isinstance(value, str):
            alias = DEADLINE_ALIASES.get(text_key(value))
            if alias is not None:
                return cls(alias)
        return None

    @classmethod
    def parse(cls, text: str) -> Self:
        """As ``Labelled.parse``, also accepting the aliases of ``DEADLINE_ALIASES``."""
        alias = DEADLINE_ALIASES.get(text_key(text))
        return cls(alias) if alias is not None else super().parse(text)

    @property
    def is_nis(self) -> bool:
        """One of the three NIS2 stages (started together)."""
        return self.value.startswith("nis_")


DEADLINE_ALIASES: dict[str, str] = {
    "other": "custom",
    "nis2": "nis_early_warning",
    "nis": "nis_early_warning",
}
"""Code names accepted besides the kinds' own: the old ``other``, and ``nis2``/``nis``."""


class DeadlineStatus(Labelled):
    """Derived state of a deadline clock at a given instant."""

    RUNNING = "running"
    OVERDUE = "overdue"
    REPORTED = "reported"
    REPORTED_LATE = "reported_late"
    NOT_REQUIRED = "not_required"

    @property
    def is_open(self) -> bool:
        """Still to be reported (running or overdue)."""
        return self in (DeadlineStatus.RUNNING, DeadlineStatus.OVERDUE)


class Urgency(Labelled):
    """How close a clock is to its due time: warnings at 50 % and 80 % of the time, red after
    it (``domain.deadlines.urgency``); ``closed`` once reported or not required."""

    CALM = "calm"
    WARNING = "warning"
    URGENT = "urgent"
    OVERDUE = "overdue"
    CLOSED = "closed"


# Labels per enum class (StrEnum members of different classes with the same value compare
# equal, so one flat dict keyed by member would mix them up).
_LABELS: dict[type[Labelled], dict[str, str]] = {
    ReadinessLevel: {
        ReadinessLevel.NORMAL.value: NC_("ReadinessLevel", "Normal"),
        ReadinessLevel.STAFF.value: NC_("ReadinessLevel", "Staff mode"),
        ReadinessLevel.REINFORCED.value: NC_("ReadinessLevel", "Reinforced mode"),
        ReadinessLevel.DISASTER.value: NC_("ReadinessLevel", "Disaster mode"),
    },
    SystemStatus: {
        SystemStatus.FUNCTIONAL.value: NC_("SystemStatus", "Functional"),
        SystemStatus.LIMITED.value: NC_("SystemStatus", "Limited"),
        SystemStatus.DOWN.value: NC_("SystemStatus", "Down"),
        SystemStatus.UNKNOWN.value: NC_("SystemStatus", "Unknown"),
    },
    ActionStatus: {
        ActionStatus.OPEN.value: NC_("ActionStatus", "Open"),
        ActionStatus.IN_PROGRESS.value: NC_("ActionStatus", "In progress"),
        ActionStatus.DONE.value: NC_("ActionStatus", "Done"),
        ActionStatus.CANCELLED.value: NC_("ActionStatus", "Cancelled"),
    },
    Priority: {
        Priority.HIGH.value: NC_("Priority", "High"),
        Priority.NORMAL.value: NC_("Priority", "Normal"),
        Priority.LOW.value: NC_("Priority", "Low"),
    },
    EntryCategory: {
        EntryCategory.INFORMATION.value: NC_("EntryCategory", "Information"),
        EntryCategory.DECISION.value: NC_("EntryCategory", "Decision"),
        EntryCategory.ACTION.value: NC_("EntryCategory", "Action"),
        EntryCategory.CONTACT.value: NC_("EntryCategory", "Contact"),
        EntryCategory.SIGNIFICANT.value: NC_("EntryCategory", "Significant event"),
        EntryCategory.HANDOVER.value: NC_("EntryCategory", "Handover"),
        EntryCategory.SYSTEM.value: NC_("EntryCategory", "System"),
    },
    Medium: {
        Medium.PHONE.value: NC_("Medium", "Phone"),
        Medium.RAKEL.value: NC_("Medium", "Rakel"),
        Medium.EMAIL.value: NC_("Medium", "E-mail"),
        Medium.WIS.value: NC_("Medium", "WIS"),
        Medium.MEETING.value: NC_("Medium", "Meeting"),
        Medium.OTHER.value: NC_("Medium", "Other"),
    },
    StaffFunction: {
        StaffFunction.MEDICAL_COMMANDER.value: NC_("StaffFunction", "Medical commander"),
        StaffFunction.CHIEF_OF_STAFF.value: NC_("StaffFunction", "Chief of staff"),
        StaffFunction.LOG_KEEPER.value: NC_("StaffFunction", "Log keeper"),
        StaffFunction.INFORMATION_OFFICER.value: NC_("StaffFunction", "Information officer"),
        StaffFunction.OTHER.value: NC_("StaffFunction", "Other"),
    },
    DeadlineKind: {
        DeadlineKind.IMY_BREACH.value: NC_("DeadlineKind", "Personal-data breach to IMY"),
        DeadlineKind.IMY_SUPPLEMENT.value: NC_("DeadlineKind", "Supplement to IMY"),
        DeadlineKind.NIS_EARLY_WARNING.value: NC_("DeadlineKind", "NIS incident, early warning"),
        DeadlineKind.NIS_NOTIFICATION.value: NC_("DeadlineKind", "NIS incident notification"),
        DeadlineKind.NIS_FINAL_REPORT.value: NC_("DeadlineKind", "NIS incident, final report"),
        DeadlineKind.POLICE_REPORT.value: NC_("DeadlineKind", "Police report"),
        DeadlineKind.CUSTOM.value: NC_("DeadlineKind", "Other deadline"),
    },
    DeadlineStatus: {
        DeadlineStatus.RUNNING.value: NC_("DeadlineStatus", "Running"),
        DeadlineStatus.OVERDUE.value: NC_("DeadlineStatus", "Overdue"),
        DeadlineStatus.REPORTED.value: NC_("DeadlineStatus", "Reported"),
        DeadlineStatus.REPORTED_LATE.value: NC_("DeadlineStatus", "Reported late"),
        DeadlineStatus.NOT_REQUIRED.value: NC_("DeadlineStatus", "Not required"),
    },
    Urgency: {
        Urgency.CALM.value: NC_("Urgency", "Within time"),
        Urgency.WARNING.value: NC_("Urgency", "Half the time has passed"),
        Urgency.URGENT.value: NC_("Urgency", "80 percent of the time has passed"),
        Urgency.OVERDUE.value: NC_("Urgency", "Overdue"),
        Urgency.CLOSED.value: NC_("Urgency", "Closed"),
    },
}
