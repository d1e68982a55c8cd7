"""The exchange between machines (docs/EXCHANGE.md): what a site sends the office and back,
as SQLite session changesets found by diff against the state last confirmed (changes),
sealed for their reader and signed by their writer (sealed)."""

from store.sync import changes, sealed

__all__ = ["changes", "sealed"]
