"""The audit trail read back: one entry per user action, who acted, what it changed in the
users' words, and restoring what an action deleted, whole."""

from store.history.audit import (
    Change,
    Entry,
    count_changes,
    count_entries,
    get_entry,
    is_deleted,
    list_changes,
    list_entries,
    restorable,
    restore_deleted,
    restore_entry,
)
from store.history.user import choose_user
from store.history.words import (
    HIDDEN,
    change_lines,
    describe,
    field_label,
    headline,
    person_text,
    title,
    value_text,
    when_text,
)

__all__ = [
    "Change",
    "Entry",
    "count_changes",
    "list_changes",
    "count_entries",
    "list_entries",
    "get_entry",
    "is_deleted",
    "restorable",
    "restore_deleted",
    "restore_entry",
    "field_label",
    "HIDDEN",
    "describe",
    "title",
    "value_text",
    "when_text",
    "headline",
    "person_text",
    "change_lines",
    "choose_user",
]
