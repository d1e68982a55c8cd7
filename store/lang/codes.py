"""The codes the data uses (docs/GLOSSARY.md), defined once. Each member equals the string
stored in the database, the rulebooks and the import files (`UnitKind.CELL == "cell"`), so
code compares and builds codes through these names while the data stays plain text. The users'
words for them are in store.lang.labels.

Ids a rulebook defines (score criteria, concern categories and routes) are data, not codes.
"""

from enum import StrEnum


class UnitKind(StrEnum):
    GRASSROOTS_COMMITTEE = "grassroots_committee"  # đảng bộ cơ sở
    SUB_COMMITTEE = "sub_committee"  # đảng bộ bộ phận
    GRASSROOTS_CELL = "grassroots_cell"  # chi bộ cơ sở
    CELL = "cell"  # chi bộ trực thuộc


class Sector(StrEnum):
    COMMUNE = "commune"
    WARD = "ward"
    TOWN = "town"
    VILLAGE = "village"
    ADMIN_AGENCY = "admin_agency"
    PUBLIC_SERVICE = "public_service"
    ENTERPRISE = "enterprise"
    ARMED_FORCES = "armed_forces"


class MeetingKind(StrEnum):
    REGULAR = "regular"
    THEMATIC = "thematic"
    COMMITTEE = "committee"
    STANDING = "standing"
    GENERAL = "general"


class Cadence(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"


class Role(StrEnum):
    """A post's role (post.role)."""

    SECRETARY = "secretary"
    DEPUTY = "deputy"
    COMMITTEE_MEMBER = "committee_member"
    STANDING_MEMBER = "standing_member"


# Committee roles by rank, as a committee's list reads: bí thư, phó bí thư, ủy viên ban
# thường vụ, cấp ủy viên.
ROLE_RANK = (Role.SECRETARY, Role.DEPUTY, Role.STANDING_MEMBER, Role.COMMITTEE_MEMBER)


def role_rank_sql(column: str) -> str:
    """An SQL expression ranking `column` (a post's role) as ROLE_RANK does, unknown last."""
    whens = " ".join(f"WHEN '{role}' THEN {rank}" for rank, role in enumerate(ROLE_RANK))
    return f"CASE {column} {whens} ELSE {len(ROLE_RANK)} END"


class ConcurrentRole(StrEnum):
    VILLAGE_HEAD = "village_head"
    AGENCY_HEAD = "agency_head"


class VisitStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"


class ConcernStatus(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    ESCALATED = "escalated"
    RESOLVED = "resolved"
    ANSWERED = "answered"


class Priority(StrEnum):
    HIGH = "high"
    NORMAL = "normal"
    LOW = "low"


class PlanStatus(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class PlanReason(StrEnum):
    CAPABILITY = "capability"
    AGE = "age"
    TRANSFER = "transfer"
    HEALTH = "health"
    TERM_END = "term_end"
    OTHER = "other"


class PlanOutcome(StrEnum):
    REPLACED = "replaced"
    RETAINED = "retained"
    OTHER = "other"


class Readiness(StrEnum):
    NOW = "now"
    WITHIN_TWO_YEARS = "1-2y"
    LATER = "later"


class ActionKind(StrEnum):
    TRAINING = "training"
    THEORY_CLASS = "theory_class"
    ACTING_DEPUTY = "acting_deputy"
    CONTEST = "contest"
    OTHER = "other"


class ActionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


class ChangeAction(StrEnum):
    """What a `changes` row records."""

    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"
    RESTORE = "restore"
    BUILD = "build"


class HistoryAction(StrEnum):
    """What one user action did, when it wrote several changes (store.core.actions)."""

    VISIT_DELETE = "visit.delete"
    BRIEFS = "briefs"
    BRIEF_TEXT = "brief.text"
    IMPORT = "import"
    RESTORE = "restore"
    SYNC_DECIDE = "sync.decide"


class BriefKind(StrEnum):
    VISIT = "visit"
    SUPERVISOR = "supervisor"
    UNIT = "unit"
    ANNUAL = "annual"
    PLAN = "plan"


class BriefSection(StrEnum):
    """A part of a brief drafted from the records, which the user may rewrite or leave
    blank (briefs/kinds/drafting.py, store.reports.drafts)."""

    LEADERSHIP = "leadership"
    STRENGTHS = "strengths"
    SHORTCOMINGS = "shortcomings"
    CAUSES = "causes"
    LESSONS = "lessons"
    TASKS = "tasks"
    PROPOSALS = "proposals"
    ADVICE = "advice"
    PREPARATION = "preparation"
    REQUIREMENTS = "requirements"
    ORGANISATION = "organisation"


# The label table (store.lang.labels) of each kind of code.
CODES: dict[str, type[StrEnum]] = {
    "unit_kind": UnitKind,
    "sector": Sector,
    "meeting_kind": MeetingKind,
    "cadence": Cadence,
    "period": PeriodKind,
    "role": Role,
    "concurrent_role": ConcurrentRole,
    "visit_status": VisitStatus,
    "concern_status": ConcernStatus,
    "priority": Priority,
    "plan_status": PlanStatus,
    "plan_reason": PlanReason,
    "plan_outcome": PlanOutcome,
    "readiness": Readiness,
    "action_kind": ActionKind,
    "action_status": ActionStatus,
    "sex": Sex,
    "change_action": ChangeAction,
    "brief_kind": BriefKind,
    "brief_section": BriefSection,
    "history_action": HistoryAction,
}
