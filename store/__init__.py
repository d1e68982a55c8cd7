"""The data and the domain of phutrach: no UI import, ever.

One package per bounded context, in layers (each imports only those below it; the
import-linter contracts in pyproject.toml keep it so):

    demo                              the living demo district
    history                           the audit trail read back, restoring what was deleted
    exchange | reports                spreadsheets in and out | what the briefs need
    visits | concerns | personnel     the domains, independent of each other
    org | rules                       the unit tree and supervisors | the rulebook and periods
    core                              the database, schema, records with audit, checks, settings
    lang                              translation, Vietnamese text, the users' words for codes
"""

import importlib.util
import sys


def _sqlite_utils_without_numpy() -> None:
    """Load sqlite-utils with numpy hidden and dateutil's parser lazy. sqlite-utils imports
    numpy, when installed, to map numpy types to columns; phutrach never stores numpy values,
    and that import cost 50 ms of every start of the TUI and the CLI. numpy stays importable
    for those who need it (matplotlib, for the briefs' charts). Its recipes import dateutil's
    parser (15 ms), which only a recipe phutrach never calls uses: loaded when first used."""
    if "numpy" in sys.modules or "sqlite_utils" in sys.modules:
        return
    _lazy("dateutil.parser")
    # import numpy -> ImportError while sqlite-utils loads; typeshed does not know None entries
    sys.modules["numpy"] = None  # type: ignore[assignment]
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del sys.modules["numpy"]


def _lazy(name: str) -> None:
    """`name` imported as a module that runs when an attribute of it is first read (the
    standard library's LazyLoader)."""
    if name in sys.modules or (spec := importlib.util.find_spec(name)) is None or not spec.loader:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    # bound in its package as an import would: `from dateutil import parser` then reads no
    # attribute of it (the import system's own check would, and load it)
    setattr(sys.modules[parent], child, module)


_sqlite_utils_without_numpy()
