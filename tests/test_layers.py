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


def test_the_store_is_domain_packages_only():
    """No module lies loose at the top of store/: each domain is a package whose
    __init__ says what it owns and whose exports all exist."""
    import importlib

    store = ROOT / "store"
    assert sorted(p.name for p in store.glob("*.py")) == ["__init__.py"]
    packages = sorted(p.name for p in store.iterdir() if (p / "__init__.py").is_file())
    assert len(packages) >= 8
    for name in packages:
        package = importlib.import_module(f"store.{name}")
        assert (package.__doc__ or "").strip(), f"store.{name} says nothing of what it owns"
        missing = [n for n in package.__all__ if not hasattr(package, n)]
        assert not missing, f"store.{name} exports names it does not have: {missing}"
