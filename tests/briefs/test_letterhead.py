"""The letterhead: official defaults from settings, saved back after validation."""

from dataclasses import replace

import pytest

from briefs.frame.document import letterhead, save_letterhead
from store.core import settings
from store.core.errors import ValidationError
from store.lang.i18n import set_language


def test_official_defaults(db):
    lh = letterhead(db)
    assert (lh.parent_body, lh.issuing_body, lh.short_code) == ("ĐẢNG BỘ TỈNH", "HUYỆN ỦY", "HU")
    assert (lh.signer_prefix, lh.signer_title) == ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ")
    assert lh.recipients == ("Như trên", "Lưu VP")
    margins = (lh.margin_top_mm, lh.margin_bottom_mm, lh.margin_left_mm, lh.margin_right_mm)
    assert margins == (20, 20, 30, 15)
    assert lh.font_size == 14


def test_saved_letterhead_comes_back_normalised(db):
    wanted = replace(
        letterhead(db),
        issuing_body="  Đảng ủy xã Tiên Du ",
        short_code="ĐU",
        place="Tiên Du",
        signer_name="Nguyễn Văn An",
        recipients=["Ban Thường vụ Tỉnh ủy (b/c)", " ", "Lưu VP"],
        margin_left_mm=35,
    )
    saved = save_letterhead(db, wanted)
    assert letterhead(db) == saved
    assert saved.issuing_body == "Đảng ủy xã Tiên Du"
    assert saved.recipients == ("Ban Thường vụ Tỉnh ủy (b/c)", "Lưu VP")
    assert settings.get(db, "committee.short") == "ĐU"
    assert settings.get(db, "letterhead.margin_left_mm") == 35


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"issuing_body": " "}, "issuing_body"),
        ({"short_code": "H/U"}, "short_code"),
        ({"signer_title": ""}, "signer_title"),
        ({"margin_top_mm": 100}, "margin_top_mm"),
        ({"font_size": 20}, "font_size"),
    ],
)
def test_bad_letterheads_are_refused_and_nothing_is_saved(db, change, field):
    with pytest.raises(ValidationError) as caught:
        save_letterhead(db, replace(letterhead(db), **change))
    assert caught.value.field == field
    assert db["settings"].count == 0


def test_messages_are_translated(db):
    set_language("vi")
    with pytest.raises(ValidationError, match="Lề trang phải từ 5 đến 60 mm"):
        save_letterhead(db, replace(letterhead(db), margin_left_mm=2))
    set_language("en")
    with pytest.raises(ValidationError, match="Margins must be between 5 and 60 mm"):
        save_letterhead(db, replace(letterhead(db), margin_left_mm=2))
