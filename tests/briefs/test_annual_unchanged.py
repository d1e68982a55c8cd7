"""The annual report's figures over the demo district are those it printed before its data
were read from kept figures in a few queries (issue 16): the snapshot was written by the
per-unit reading it replaced (tests/briefs/annual_snapshot.py)."""

import json

from store.core import db as store_db
from tests.briefs.annual_snapshot import SNAPSHOT, gathered


def test_the_annual_figures_are_unchanged(demo):
    db = store_db.connect(demo, migrate=False)
    expected = json.loads(SNAPSHOT.read_text())
    found = json.loads(json.dumps(gathered(db), ensure_ascii=False))
    for case, figures in expected.items():
        assert found[case] == figures, case
