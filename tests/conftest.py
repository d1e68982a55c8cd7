"""Shared fixtures: every test runs with its own data folder, language and database."""

import pytest

from store.core import db as store_db
from store.lang.i18n import set_language


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """No test sees the real user data folder, a PHUTRACH_* variable or another's language."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.delenv("PHUTRACH_DB", raising=False)
    monkeypatch.delenv("PHUTRACH_LANG", raising=False)
    set_language("vi")
    yield
    set_language("vi")


@pytest.fixture
def db():
    """An empty in-memory database with the full schema."""
    return store_db.memory()


@pytest.fixture
def db_path(tmp_path):
    """A path for a database file that does not exist yet."""
    return tmp_path / "data" / "phutrach.db"
