"""The exchange between machines (docs/EXCHANGE.md): what a site sends the office and back,
as SQLite session changesets found by diff against the state last confirmed (changes),
sealed for their reader and signed by their writer (sealed). Nothing is imported here: a
screen that only asks whether this database exchanges (sites.this_site) loads neither apsw
nor the history's words."""

import importlib

__all__ = ["bundles", "changes", "review", "scope", "sealed", "sites"]


def __getattr__(name: str):
    """A submodule, loaded when first named (`store.sync.bundles`)."""
    if name in __all__:
        return importlib.import_module(f"store.sync.{name}")
    raise AttributeError(f"module 'store.sync' has no attribute {name!r}")
