"""The audit trail read back: what changed, who changed it, and restoring what was
deleted."""

from store.history.audit import (
    Change,
    count_changes,
    field_label,
    is_deleted,
    list_changes,
    restore_deleted,
)

__all__ = [
    "Change",
    "count_changes",
    "list_changes",
    "is_deleted",
    "restore_deleted",
    "field_label",
]
