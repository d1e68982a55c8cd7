import pytest

from store.rules import rulebook
from store.rules.rulebook import RulebookError


def test_default_rulebook_is_the_resolutions():
    rb = rulebook.load()
    assert rb.max_total == 100
    kinds = {r.meeting_kind: r for r in rb.rules_for("cell")}
    assert kinds["regular"].per == "month" and kinds["thematic"].per == "half"
    assert {r.meeting_kind for r in rb.rules_for("grassroots_committee")} == {
        "thematic",
        "general",
        "committee",
    }
    assert "standing" in {r.meeting_kind for r in rb.rules_for("grassroots_committee", True)}


def test_hd12_asks_thematic_every_quarter():
    kinds = {r.meeting_kind: r for r in rulebook.load("hd12").rules_for("cell")}
    assert kinds["thematic"].per == "quarter"


def _full(rb):
    return {c.id: c.max for c in rb.criteria}


@pytest.mark.parametrize(
    ("change", "level"),
    [
        ({}, "good"),
        ({"content": 15}, "good"),
        ({"minutes": 4}, "fair"),
        ({"content": 0, "criticism": 0}, "fair"),
        ({"content": 0, "criticism": 0, "preparation": 5}, "average"),
        (
            {"content": 0, "criticism": 0, "preparation": 0, "resolution": 0, "principles": 0},
            "poor",
        ),
    ],
)
def test_rating_thresholds_and_mandatory_full_criteria(change, level):
    rb = rulebook.load()
    assert rb.rate({**_full(rb), **change}).level == level


def _write(tmp_path, text):
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_broken_toml_names_the_file(tmp_path):
    path = _write(tmp_path, "name = [unclosed")
    with pytest.raises(RulebookError, match="rules.toml"):
        rulebook.load(path)


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('per = "month"', 'per = "fortnight"', "meetings[1].per"),
        ("max = 15", 'max = "fifteen"', "score_sheet.criteria[1].max"),
        ("threshold = 85", "threshold = 185", "attendance.threshold"),
        ('code = "NQ"', "", "code"),
        ("date = 2025-05-20", 'date = "20/05/2025"', "resolution.date"),
        ('number = "09-NQ/TU"', 'number = ""', "resolution.number"),
    ],
)
def test_bad_key_is_named(tmp_path, old, new, key):
    text = rulebook.SHIPPED["resolution"].read_text(encoding="utf-8").replace(old, new, 1)
    with pytest.raises(RulebookError) as caught:
        rulebook.load(_write(tmp_path, text))
    assert key in caught.value.message and "rules.toml" in caught.value.message


def test_missing_file(tmp_path):
    with pytest.raises(RulebookError, match="nowhere.toml"):
        rulebook.load(tmp_path / "nowhere.toml")


def test_an_empty_level_is_refused_naming_it(tmp_path):
    """A rating level "" loaded and rated an empty sheet as no level at all (found by
    hypothesis); an empty id or label is now refused where it stands."""
    shipped = rulebook.RULEBOOK_DIR / "resolution.toml"
    path = tmp_path / "mine.toml"
    path.write_text(
        shipped.read_text(encoding="utf-8").replace('level = "poor"', 'level = ""'),
        encoding="utf-8",
    )
    with pytest.raises(RulebookError, match=r"ratings\[4\]"):
        rulebook.load(path)


def test_the_resolution_is_cited_by_number_date_and_issuer(tmp_path):
    assert rulebook.load().citation == (
        "Nghị quyết số 09-NQ/TU ngày 20/05/2025 của Ban Chấp hành Đảng bộ tỉnh Sơn Nam về nâng "
        "cao chất lượng sinh hoạt đảng ở cơ sở"
    )
    assert rulebook.load("hd12").citation.startswith("Hướng dẫn số 12-HD/BTCTW ngày 18/01/2018")
    text = rulebook.SHIPPED["resolution"].read_text(encoding="utf-8")
    bare = text[: text.index("[resolution]")] + text[text.index("\n# Required meetings") :]
    rb = rulebook.load(_write(tmp_path, bare))  # a district's file without one: its name
    assert rb.resolution is None and rb.citation == rb.name
