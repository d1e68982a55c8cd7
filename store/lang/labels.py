"""The users' words for the codes the data uses (store.lang.codes, docs/GLOSSARY.md),
translated at call time.

>>> label("unit_kind", "cell")
'Chi bộ trực thuộc'
"""

from functools import cache

from store.lang.codes import (
    ActionKind,
    ActionStatus,
    BriefKind,
    BriefSection,
    Cadence,
    ChangeAction,
    ConcernStatus,
    ConcurrentRole,
    HistoryAction,
    MeetingKind,
    PeriodKind,
    PlanOutcome,
    PlanReason,
    PlanStatus,
    Priority,
    Readiness,
    Role,
    Sector,
    Sex,
    UnitKind,
    VisitStatus,
)
from store.lang.i18n import _, current_language


def _tables() -> dict[str, dict[str, str]]:
    """Every table in the current language (made once per language: a list's cells ask for
    labels hundreds of times a keystroke)."""
    return _tables_in(current_language())


@cache
def _tables_in(language: str) -> dict[str, dict[str, str]]:  # `language`: the cache's key
    return {
        "unit_kind": {
            UnitKind.GRASSROOTS_COMMITTEE: _("Grassroots Party committee"),
            UnitKind.SUB_COMMITTEE: _("Sub-committee"),
            UnitKind.GRASSROOTS_CELL: _("Grassroots cell"),
            UnitKind.CELL: _("Cell"),
        },
        "sector": {
            Sector.COMMUNE: _("Commune"),
            Sector.WARD: _("Ward"),
            Sector.TOWN: _("Township"),
            Sector.VILLAGE: _("Village / residential area"),
            Sector.ADMIN_AGENCY: _("Administrative agency"),
            Sector.PUBLIC_SERVICE: _("Public service unit"),
            Sector.ENTERPRISE: _("Enterprise"),
            Sector.ARMED_FORCES: _("Armed forces"),
        },
        "meeting_kind": {
            MeetingKind.REGULAR: _("Regular meeting"),
            MeetingKind.THEMATIC: _("Thematic meeting"),
            MeetingKind.COMMITTEE: _("Committee meeting"),
            MeetingKind.STANDING: _("Standing committee meeting"),
            MeetingKind.GENERAL: _("General meeting"),
        },
        "cadence": {Cadence.MONTHLY: _("Monthly"), Cadence.QUARTERLY: _("Quarterly")},
        "period": {
            PeriodKind.MONTH: _("month"),
            PeriodKind.QUARTER: _("quarter"),
            PeriodKind.HALF: _("half-year"),
            PeriodKind.YEAR: _("year"),
        },
        "role": {
            Role.SECRETARY: _("Secretary"),
            Role.DEPUTY: _("Deputy secretary"),
            Role.COMMITTEE_MEMBER: _("Committee member"),
            Role.STANDING_MEMBER: _("Standing committee member"),
        },
        "concurrent_role": {
            ConcurrentRole.VILLAGE_HEAD: _("Secretary and village head"),
            ConcurrentRole.AGENCY_HEAD: _("Head of the agency and secretary"),
        },
        "visit_status": {
            VisitStatus.PLANNED: _("Planned"),
            VisitStatus.DONE: _("Done"),
            VisitStatus.CANCELLED: _("Cancelled"),
        },
        "concern_status": {
            ConcernStatus.NEW: _("New"),
            ConcernStatus.IN_PROGRESS: _("In progress"),
            ConcernStatus.ESCALATED: _("Escalated"),
            ConcernStatus.RESOLVED: _("Resolved"),
            ConcernStatus.ANSWERED: _("Answered"),
        },
        "priority": {
            Priority.HIGH: _("High"),
            Priority.NORMAL: _("Normal"),
            Priority.LOW: _("Low"),
        },
        "plan_status": {
            PlanStatus.DRAFT: _("Draft"),
            PlanStatus.ACTIVE: _("Active"),
            PlanStatus.COMPLETED: _("Completed"),
            PlanStatus.CANCELLED: _("Cancelled"),
        },
        "plan_reason": {
            PlanReason.CAPABILITY: _("Limited capability, low prestige"),
            PlanReason.AGE: _("Age"),
            PlanReason.TRANSFER: _("Transfer"),
            PlanReason.HEALTH: _("Health"),
            PlanReason.TERM_END: _("End of term"),
            PlanReason.OTHER: _("Other"),
        },
        "plan_outcome": {
            PlanOutcome.REPLACED: _("Replaced"),
            PlanOutcome.RETAINED: _("Retained"),
            PlanOutcome.OTHER: _("Other outcome"),
        },
        "readiness": {
            Readiness.NOW: _("Ready now"),
            Readiness.WITHIN_TWO_YEARS: _("Within 1–2 years"),
            Readiness.LATER: _("Longer"),
        },
        "action_kind": {
            ActionKind.TRAINING: _("Training course"),
            ActionKind.THEORY_CLASS: _("Political-theory class"),
            ActionKind.ACTING_DEPUTY: _("Acting as deputy"),
            ActionKind.CONTEST: _("Best-secretary contest"),
            ActionKind.OTHER: _("Other"),
        },
        "action_status": {
            ActionStatus.PLANNED: _("Planned"),
            ActionStatus.IN_PROGRESS: _("Under way"),
            ActionStatus.DONE: _("Done"),
            ActionStatus.CANCELLED: _("Cancelled"),
        },
        "sex": {Sex.MALE: _("Male"), Sex.FEMALE: _("Female")},
        "record_table": {
            "units": _("Party organization"),
            "supervisors": _("Committee member in charge"),
            "assignments": _("Assignment"),
            "meetings": _("Meeting"),
            "visits": _("Visit"),
            "people": _("Party member"),
            "posts": _("Post"),
            "capability_notes": _("Capability note"),
            "capability_note_visits": _("Visit supporting a note"),
            "succession_plans": _("Replacement-source plan"),
            "plan_candidates": _("Candidate"),
            "plan_actions": _("Development action"),
            "concerns": _("Concern"),
            "concern_events": _("Step of a concern"),
            "annual_ratings": _("Annual rating"),
            "briefs": _("Brief"),
            "brief_texts": _("Text of a brief"),
            "settings": _("Setting"),
            "demo": _("Demo data"),
        },
        "change_action": {
            ChangeAction.INSERT: _("Added"),
            ChangeAction.UPDATE: _("Changed"),
            ChangeAction.DELETE: _("Deleted"),
            ChangeAction.RESTORE: _("Restored"),
            ChangeAction.BUILD: _("Built"),
        },
        "history_action": {
            HistoryAction.VISIT_DELETE: _("Deleted a visit"),
            HistoryAction.BRIEFS: _("Wrote briefs"),
            HistoryAction.BRIEF_TEXT: _("Edited the text of a brief"),
            HistoryAction.IMPORT: _("Imported data"),
            HistoryAction.RESTORE: _("Restored"),
            HistoryAction.SYNC_DECIDE: _("Decided a conflict of the exchange"),
        },
        "brief_kind": {
            BriefKind.VISIT: _("Report on a visited meeting"),
            BriefKind.SUPERVISOR: _("Report of the committee member in charge"),
            BriefKind.UNIT: _("Report on a grassroots Party organization"),
            BriefKind.ANNUAL: _("Annual report on the resolution"),
            BriefKind.PLAN: _("Replacement-source plan"),
        },
        "brief_section": {
            BriefSection.LEADERSHIP: _("Leadership: an added paragraph"),
            BriefSection.STRENGTHS: _("Strengths"),
            BriefSection.SHORTCOMINGS: _("Shortcomings"),
            BriefSection.CAUSES: _("Causes"),
            BriefSection.LESSONS: _("Lessons learnt"),
            BriefSection.TASKS: _("Tasks ahead"),
            BriefSection.PROPOSALS: _("Proposals"),
            BriefSection.ADVICE: _("Advice at the meeting"),
            BriefSection.PREPARATION: _("Preparation"),
            BriefSection.REQUIREMENTS: _("Requirements"),
            BriefSection.ORGANISATION: _("Organisation of the work"),
        },
    }


def label(table: str, code: str | None) -> str:
    """The label of `code` in `table`; an unknown code is shown as is."""
    if code is None:
        return ""
    return _tables()[table].get(code, code)


def choices(table: str) -> list[tuple[str, str]]:
    """(label, code) pairs for a Select widget or a prompt, in the table's order."""
    return [(text, code) for code, text in _tables()[table].items()]
