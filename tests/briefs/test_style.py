"""Every brief of the demo district, plain and confidential, read against the style rules of
docs/BRIEF-STYLE.md (briefs/kinds/style.py): a failure names the file, the sentence, the rule."""

from pathlib import Path

import docx
import pytest

from briefs import batch
from briefs.kinds.style import RULES, violations
from store.core import db as store_db
from store.reports.scopes import all_scopes
from tests.briefs.conftest import DEMO_TODAY as TODAY

# (kind, period, confidential): every scope of each kind, as `phutrach brief KIND --all` writes.
BATCHES = (
    ("visit", "2026-11", False),
    ("supervisor", "2026-11", False),
    ("supervisor", "2026-Q3", False),
    ("supervisor", "2026", True),
    ("unit", "2026-Q4", False),
    ("unit", "2026", True),
    ("annual", "2026", False),
    ("annual", "2026", True),
    ("plan", "2026", True),
)


def _texts(path: Path) -> list[tuple[str, bool]]:
    """(text, in a table) of every paragraph and table cell of a .docx."""
    document = docx.Document(str(path))
    out = [(p.text, False) for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        seen = set()
        for row in table.rows:
            for cell in row.cells:
                if id(cell._tc) not in seen and cell.text.strip():
                    seen.add(id(cell._tc))
                    out.append((cell.text, True))
    return out


@pytest.fixture(scope="module")
def demo_briefs(demo) -> list[tuple[Path, list[tuple[str, bool]]]]:
    folder = demo.parent
    db = store_db.connect(demo, migrate=False)
    written, failed = [], []
    for kind, period, confidential in BATCHES:
        out = folder / f"{kind}-{period}-{int(confidential)}"
        out.mkdir()  # batch.generate makes it; build writes into it
        for scope in all_scopes(db, kind, period):
            job = batch.Job(kind, scope, period, confidential)
            outcome = batch.build(db, job, out, on=TODAY)
            (written if outcome.ok else failed).append(outcome)
    assert not failed, [(o.job, o.error) for o in failed]
    return [(o.path, _texts(o.path)) for o in written]


def test_every_kind_is_scanned(demo_briefs):
    kinds = {path.name.split("-")[0] + path.parent.name.split("-")[0] for path, _t in demo_briefs}
    assert {"BCvisit", "BCsupervisor", "BCunit", "BCannual", "KHplan"} <= kinds
    assert len(demo_briefs) > 100


def test_no_brief_uses_a_forbidden_form(demo_briefs):
    found = [
        f"{path.name}: {rule.name} ({rule.reason}) «{match}» in: {text}"
        for path, texts in demo_briefs
        for text, table in texts
        for rule, match in violations(text, table=table)
    ]
    assert not found, "\n".join(found[:20]) + f"\n… {len(found)} in all"


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Vắng: 0 đồng chí.", "zero-count"),
        ("(có lý do: 1; không lý do: 0).", "zero-after-colon"),
        ("0/30 đồng chí (0%) dự đủ theo chế độ.", "zero-share"),
        ("chế độ dự sinh hoạt định kỳ hàng tháng", "hang-thang"),
        ("Thời gian giải quyết (trung vị) là 40 ngày", "statistics-jargon"),
        ("tỷ lệ 94.7%", "decimal-point"),
        ("tỷ lệ 90,0%", "trailing-zero"),
        ("từ ngày ngày 01 tháng 01 năm 2025", "double-word"),
        ("Xếp loại: None", "code-leak"),
    ],
)
def test_each_rule_catches_its_form(text, rule):
    assert rule in {r.name for r, _m in violations(text)}
    assert {r.name for r in RULES} >= {rule}


@pytest.mark.parametrize(
    "text",
    [
        "Có mặt 142/150 đồng chí đảng viên phải dự (94,7%).",
        "Không có đồng chí vắng mặt.",
        "sinh hoạt đều đặn hằng tháng trong 10 tháng đã qua",
        "Năm 2026, phát sinh 10 vấn đề; thời hạn ngày 05 tháng 02 năm 2026.",
    ],
)
def test_plain_official_prose_passes(text):
    assert violations(text) == []
