"""The headless core: importing every store and briefs module loads no UI.

(click is not checked here: sqlite-utils itself imports it. import-linter forbids our own
direct imports of click in store/ and briefs/.)"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import importlib, pkgutil, sys
import store, briefs
for package in (store, briefs):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {"textual", "tui", "commands"})
print(",".join(loaded))
"""


def test_store_and_briefs_import_no_ui():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
