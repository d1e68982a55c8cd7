"""The organization: the unit tree, the supervisors, and which units each oversees."""

from store.org.supervisor_search import (
    MAX_LISTED,
    Supervisor,
    find_supervisor,
    find_supervisors,
    get_supervisor,
)
from store.org.supervisors import (
    SupervisorItem,
    choose_supervisor,
    current_supervisor_id,
    list_supervisors,
)
from store.org.units import (
    GRASSROOTS_KINDS,
    AssignedSupervisor,
    MeetingLine,
    PostHolder,
    Unit,
    UnitDetail,
    ancestors,
    children,
    count_units,
    find_unit,
    find_units,
    get_unit,
    list_units,
    search_clause,
    unit_detail,
)

__all__ = [
    "MAX_LISTED",
    "Supervisor",
    "get_supervisor",
    "find_supervisor",
    "find_supervisors",
    "SupervisorItem",
    "list_supervisors",
    "current_supervisor_id",
    "choose_supervisor",
    "GRASSROOTS_KINDS",
    "Unit",
    "search_clause",
    "list_units",
    "count_units",
    "get_unit",
    "find_unit",
    "find_units",
    "children",
    "ancestors",
    "PostHolder",
    "AssignedSupervisor",
    "MeetingLine",
    "UnitDetail",
    "unit_detail",
]
