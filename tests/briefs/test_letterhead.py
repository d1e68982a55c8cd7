"""The letterhead: official defaults from settings, saved back after validation; each kind's
"Kính gửi" and "Nơi nhận", with "Như trên" only under a "Kính gửi"."""

from dataclasses import replace

import pytest

from briefs.frame.document import letterhead, save_letterhead
from store.core import settings
from store.core.errors import ValidationError
from store.lang.i18n import set_language
from store.reports.letterhead import Route, check_signed


def test_official_defaults(db):
    lh = letterhead(db)
    assert (lh.parent_body, lh.issuing_body, lh.short_code) == ("ĐẢNG BỘ TỈNH", "HUYỆN ỦY", "HU")
    assert (lh.signer_prefix, lh.signer_title) == ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ")
    assert lh.signer_name == ""  # no committee's brief is written until it is filled in
    to_standing = Route(("Ban Thường vụ Huyện ủy",), ("Như trên", "Lưu"))
    assert lh.route("visit") == lh.route("supervisor") == to_standing
    standing = Route((), ("Các đồng chí Ủy viên Ban Thường vụ Huyện ủy", "Lưu VP"))
    for kind in ("unit", "annual", "plan"):  # the committee's: no Kính gửi, so no "Như trên"
        assert lh.route(kind) == standing
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
        margin_left_mm=35,
    ).with_route("annual", Route([" Ban Thường vụ Huyện ủy "], ["Như trên", " ", "Lưu VP"]))
    saved = save_letterhead(db, wanted)
    assert letterhead(db) == saved
    assert saved.issuing_body == "Đảng ủy xã Tiên Du"
    assert saved.route("annual") == Route(("Ban Thường vụ Huyện ủy",), ("Như trên", "Lưu VP"))
    assert settings.get(db, "letterhead.recipients.annual") == ["Như trên", "Lưu VP"]
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


def test_the_default_kinh_gui_names_the_committee_until_one_is_saved(db):
    settings.put(db, "committee.name", "ĐẢNG ỦY XÃ ĐÀO XÁ")
    assert letterhead(db).route("visit").addressees == ("Ban Thường vụ Đảng ủy xã Đào Xá",)
    settings.put(db, "letterhead.addressees.visit", ["Thường trực Đảng ủy xã Đào Xá"])
    assert letterhead(db).route("visit").addressees == ("Thường trực Đảng ủy xã Đào Xá",)


@pytest.mark.parametrize("kind", ["unit", "annual", "plan"])
@pytest.mark.parametrize("line", ["Như trên", "như trên (để báo cáo)"])
def test_nhu_tren_without_a_kinh_gui_is_refused_naming_the_kinds_field(db, kind, line):
    lh = letterhead(db)
    bad = lh.with_route(kind, Route((), (line, "Lưu VP")))
    with pytest.raises(ValidationError, match="Như trên") as caught:
        save_letterhead(db, bad)
    assert caught.value.field == f"recipients.{kind}"
    assert db["settings"].count == 0
    addressed = lh.with_route(kind, Route(("Ban Thường vụ Tỉnh ủy",), (line, "Lưu VP")))
    assert save_letterhead(db, addressed).route(kind).recipients == (line, "Lưu VP")


@pytest.mark.parametrize("kind", ["visit", "supervisor"])
def test_a_members_report_must_have_its_kinh_gui(db, kind):
    bad = letterhead(db).with_route(kind, Route((), ("Lưu",)))
    with pytest.raises(ValidationError) as caught:
        save_letterhead(db, bad)
    assert caught.value.field == f"addressees.{kind}"
    assert "Kính gửi" in caught.value.detail


def test_route_messages_are_translated(db):
    bad = letterhead(db).with_route("annual", Route((), ("Như trên",)))
    set_language("vi")
    try:
        with pytest.raises(ValidationError, match="chưa có “Kính gửi”"):
            save_letterhead(db, bad)
        with pytest.raises(ValidationError, match="Họ và tên người ký"):
            check_signed(letterhead(db), "annual")
    finally:
        set_language("en")


def test_a_committees_brief_needs_a_signers_name_a_members_report_does_not(db):
    lh = letterhead(db)
    for kind in ("unit", "annual", "plan"):
        with pytest.raises(ValidationError, match="letterhead.signer_name") as caught:
            check_signed(lh, kind)
        assert caught.value.field == "signer_name"
    for kind in ("visit", "supervisor"):
        check_signed(lh, kind)  # signed by the member who reports
    for kind in ("unit", "annual", "plan"):
        check_signed(replace(lh, signer_name="Lê Văn Thịnh"), kind)


def test_an_older_databases_one_noi_nhan_goes_to_the_committees_kinds(db_path):
    from store.core import db as store_db

    db = store_db.connect(db_path)
    settings.put(db, "letterhead.recipients", ["Như trên", "Ban Tổ chức Tỉnh ủy", "Lưu VP"])
    db.execute("delete from _sqlite_migrations where name = 'm008_letterhead_routes'")
    db.conn.commit()
    db.close()
    db = store_db.connect(db_path)  # as an older installation opens after the update
    lh = letterhead(db)
    for kind in ("unit", "annual", "plan"):  # no Kính gửi there: "Như trên" is dropped
        assert lh.route(kind).recipients == ("Ban Tổ chức Tỉnh ủy", "Lưu VP"), kind
    assert lh.route("visit") == Route(("Ban Thường vụ Huyện ủy",), ("Như trên", "Lưu"))
    assert settings.get(db, "letterhead.recipients") is None
    save_letterhead(db, lh)  # valid as the migration left it
    db.close()
