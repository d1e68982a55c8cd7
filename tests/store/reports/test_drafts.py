"""The texts kept for a brief's drafted sections: kept, read back, left blank, forgotten,
each write audited as one user action; bad texts refused with nothing written."""

import pytest

from store.core.checks import TEXT_LIMITS
from store.core.errors import ValidationError
from store.history import audit
from store.reports.drafts import (
    BriefKey,
    blank_section,
    forget_section,
    keep_section,
    kept_sections,
    save_sections,
)

KEY = BriefKey("supervisor", "PT01", "2026-Q3")


def test_a_kept_text_is_read_back_by_its_brief_only(db):
    keep_section(db, KEY, "strengths", "  Một   đoạn.\n\n- Đoạn hai.\n")
    kept = kept_sections(db, KEY)["strengths"]
    assert kept.paragraphs == ("Một đoạn.", "- Đoạn hai.") and not kept.blank
    assert kept_sections(db, BriefKey("supervisor", "PT01", "2026-Q4")) == {}
    assert kept_sections(db, BriefKey("supervisor", "PT01", "2026-Q3", confidential=True)) == {}
    keep_section(db, KEY, "strengths", ["Đoạn mới."])
    assert kept_sections(db, KEY)["strengths"].paragraphs == ("Đoạn mới.",)
    assert db["brief_texts"].count == 1


def test_blank_then_forget_goes_back_to_the_draft(db):
    assert blank_section(db, KEY, "causes").blank
    assert kept_sections(db, KEY)["causes"].paragraphs == ()
    assert forget_section(db, KEY, "causes") is True
    assert kept_sections(db, KEY) == {}
    assert forget_section(db, KEY, "causes") is False


def test_each_write_is_an_audited_user_action(db):
    keep_section(db, KEY, "tasks", "Nhiệm vụ.")
    save_sections(db, KEY, {"tasks": None, "proposals": ["Đề xuất."]})
    entries = audit.list_entries(db, limit=5)
    assert [e.label for e in entries[:2]] == ["brief.text", "brief.text"]
    assert {c.action for c in entries[0].changes} == {"delete", "insert"}  # one action, two
    assert list(kept_sections(db, KEY)) == ["proposals"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  \n \n",
        "Có ký tự \x1b[2J điều khiển",
        "Có\u200bký tự vô hình",
        "x" * (TEXT_LIMITS["section_text"] + 1),
    ],
)
def test_a_bad_text_is_refused_and_nothing_is_written(db, text):
    with pytest.raises(ValidationError) as caught:
        keep_section(db, KEY, "strengths", text)
    assert caught.value.field == "section_text"
    assert kept_sections(db, KEY) == {}


def test_save_sections_checks_every_text_before_writing(db):
    with pytest.raises(ValidationError):
        save_sections(db, KEY, {"strengths": ["Tốt."], "causes": ["\x07"]})
    assert kept_sections(db, KEY) == {}


@pytest.mark.parametrize(
    ("key", "section"),
    [(BriefKey("report", "", "2026"), "strengths"), (KEY, "Strengths; drop"), (KEY, "")],
)
def test_an_unknown_kind_or_section_is_refused(db, key, section):
    with pytest.raises(ValidationError):
        keep_section(db, key, section, "Văn bản.")
