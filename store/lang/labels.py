"""The users' words for the codes the data uses (docs/GLOSSARY.md), translated at call time.

>>> label("unit_kind", "cell")
'Chi bộ trực thuộc'
"""

from functools import cache

from store.lang.i18n import _, current_language


def _tables() -> dict[str, dict[str, str]]:
    """Every table in the current language (made once per language: a list's cells ask for
    labels hundreds of times a keystroke)."""
    return _tables_in(current_language())


@cache
def _tables_in(language: str) -> dict[str, dict[str, str]]:  # `language`: the cache's key
    return {
        "unit_kind": {
            "grassroots_committee": _("Grassroots Party committee"),
            "sub_committee": _("Sub-committee"),
            "grassroots_cell": _("Grassroots cell"),
            "cell": _("Cell"),
        },
        "sector": {
            "commune": _("Commune"),
            "ward": _("Ward"),
            "town": _("Township"),
            "village": _("Village / residential area"),
            "admin_agency": _("Administrative agency"),
            "public_service": _("Public service unit"),
            "enterprise": _("Enterprise"),
            "armed_forces": _("Armed forces"),
        },
        "meeting_kind": {
            "regular": _("Regular meeting"),
            "thematic": _("Thematic meeting"),
            "committee": _("Committee meeting"),
            "standing": _("Standing committee meeting"),
            "general": _("General meeting"),
        },
        "cadence": {"monthly": _("Monthly"), "quarterly": _("Quarterly")},
        "period": {
            "month": _("month"),
            "quarter": _("quarter"),
            "half": _("half-year"),
            "year": _("year"),
        },
        "role": {
            "secretary": _("Secretary"),
            "deputy": _("Deputy secretary"),
            "committee_member": _("Committee member"),
            "standing_member": _("Standing committee member"),
        },
        "concurrent_role": {
            "village_head": _("Secretary and village head"),
            "agency_head": _("Head of the agency and secretary"),
        },
        "visit_status": {"planned": _("Planned"), "done": _("Done"), "cancelled": _("Cancelled")},
        "concern_status": {
            "new": _("New"),
            "in_progress": _("In progress"),
            "escalated": _("Escalated"),
            "resolved": _("Resolved"),
            "answered": _("Answered"),
        },
        "priority": {"high": _("High"), "normal": _("Normal"), "low": _("Low")},
        "plan_status": {
            "draft": _("Draft"),
            "active": _("Active"),
            "completed": _("Completed"),
            "cancelled": _("Cancelled"),
        },
        "plan_reason": {
            "capability": _("Limited capability, low prestige"),
            "age": _("Age"),
            "transfer": _("Transfer"),
            "health": _("Health"),
            "term_end": _("End of term"),
            "other": _("Other"),
        },
        "plan_outcome": {
            "replaced": _("Replaced"),
            "retained": _("Retained"),
            "other": _("Other outcome"),
        },
        "readiness": {"now": _("Ready now"), "1-2y": _("Within 1–2 years"), "later": _("Longer")},
        "action_kind": {
            "training": _("Training course"),
            "theory_class": _("Political-theory class"),
            "acting_deputy": _("Acting as deputy"),
            "contest": _("Best-secretary contest"),
            "other": _("Other"),
        },
        "action_status": {
            "planned": _("Planned"),
            "in_progress": _("Under way"),
            "done": _("Done"),
            "cancelled": _("Cancelled"),
        },
        "sex": {"male": _("Male"), "female": _("Female")},
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
            "settings": _("Setting"),
            "demo": _("Demo data"),
        },
        "change_action": {
            "insert": _("Added"),
            "update": _("Changed"),
            "delete": _("Deleted"),
            "restore": _("Restored"),
            "build": _("Built"),
        },
        "brief_kind": {
            "visit": _("Report on a visited meeting"),
            "supervisor": _("Report of the committee member in charge"),
            "unit": _("Report on a grassroots Party organization"),
            "annual": _("Annual report on the resolution"),
            "plan": _("Replacement-source plan"),
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


def codes(table: str) -> tuple[str, ...]:
    return tuple(_tables()[table])
