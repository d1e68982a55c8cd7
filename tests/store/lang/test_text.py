import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from store.lang.text import fold, nfc, person_sort_key, sort_key


def test_fold_removes_diacritics_and_d_stroke():
    assert fold("Nguyễn Văn Ấn") == "nguyen van an"
    assert fold("Đào") == "dao"
    assert fold("DƯƠNG") == "duong"
    assert fold("  Lê   Thị  ") == "le thi"


def test_fold_of_decomposed_input_equals_fold_of_composed():
    assert fold(unicodedata.normalize("NFD", "Nguyễn Đức Ưng")) == "nguyen duc ung"


def test_nfc_composes_and_strips():
    assert nfc(unicodedata.normalize("NFD", " Ấn ")) == "Ấn"
    assert nfc(None) is None


def test_vietnamese_alphabet_order():
    words = ["Đào", "Dương", "Ân", "Anh", "Ăn", "An", "Ba", "Ư", "Uyên", "Vân"]
    assert sorted(words, key=sort_key) == [
        "An",
        "Anh",
        "Ăn",
        "Ân",
        "Ba",
        "Dương",
        "Đào",
        "Uyên",
        "Ư",
        "Vân",
    ]


def test_tones_break_ties_after_letters():
    assert sorted(["Ánh", "Anh", "Ảnh", "Ạnh"], key=sort_key) == ["Anh", "Ảnh", "Ánh", "Ạnh"]


def test_people_sort_by_given_name():
    names = ["Trần Thị Bình", "Nguyễn Văn An", "Lê Văn Ấn", "Đỗ Văn Anh"]
    assert sorted(names, key=person_sort_key) == [
        "Nguyễn Văn An",
        "Đỗ Văn Anh",
        "Lê Văn Ấn",
        "Trần Thị Bình",
    ]


@given(st.text())
def test_fold_is_idempotent_and_ascii_for_vietnamese(text):
    assert fold(fold(text)) == fold(text)
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))


@given(st.text())
@example(text="\U0010fe00")  # past the top of Unicode once shifted after the alphabet
def test_sort_key_ignores_normalisation_form(text):
    assert sort_key(unicodedata.normalize("NFD", text)) == sort_key(
        unicodedata.normalize("NFC", text)
    )


def test_numbers_in_names_sort_by_value():
    names = ["Khu phố 10", "Khu phố 2", "Khu phố 1", "Chi bộ thôn 02", "Khu phố 2A", "Khu phố"]
    assert sorted(names, key=sort_key) == [
        "Chi bộ thôn 02",
        "Khu phố",
        "Khu phố 1",
        "Khu phố 2",
        "Khu phố 2A",
        "Khu phố 10",
    ]
    assert sort_key("Tổ 9") < sort_key("Tổ 10") < sort_key("Tổ 100") < sort_key("Tổ A")
