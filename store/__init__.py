"""The data and the domain of phutrach: no UI import, ever."""

import sys


def _sqlite_utils_without_numpy() -> None:
    """Load sqlite-utils with numpy hidden. sqlite-utils imports numpy, when installed, to map
    numpy types to columns; phutrach never stores numpy values, and that import cost 50 ms
    of every start of the TUI and the CLI. numpy stays importable for those who need it
    (matplotlib, for the briefs' charts)."""
    if "numpy" in sys.modules or "sqlite_utils" in sys.modules:
        return
    sys.modules["numpy"] = None  # import numpy -> ImportError while sqlite-utils loads
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del sys.modules["numpy"]


_sqlite_utils_without_numpy()
