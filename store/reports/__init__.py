"""What the briefs need from the store: province-scale figures, the log and numbers
of generated briefs, their scopes and the committee's letterhead.

Nothing is imported here: each module loads when first named (`from store.reports import
brief_log`), so that the briefs screen loads the register and the scopes without the figures
of the annual report."""

import importlib

__all__ = ["brief_log", "drafts", "figures", "letterhead", "scopes"]


def __getattr__(name: str):
    """A submodule, loaded when first named (`store.reports.figures`)."""
    if name in __all__:
        return importlib.import_module(f"store.reports.{name}")
    raise AttributeError(f"module 'store.reports' has no attribute {name!r}")
