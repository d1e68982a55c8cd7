"""Bundles and enrolment files: opened only by their reader, believed only from their writer."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.core.errors import PhutrachError
from store.sync import sealed

OFFICE, SITE, OTHER = (sealed.Keys.generate() for _ in range(3))
HEADER = {"office": "office-1", "site": "site-7", "seq": 3, "base": 2}


def _bundle(payload=b"changes" * 100):
    return sealed.seal_bundle(HEADER, payload, SITE, OFFICE.public)


def test_a_bundle_opens_for_its_reader_from_its_writer():
    header, payload = sealed.open_bundle(_bundle(), OFFICE, SITE.public)
    assert header == HEADER and payload == b"changes" * 100
    assert sealed.bundle_header(_bundle()) == HEADER


def test_the_payload_does_not_travel_in_clear():
    secret = b"Nhan xet nang luc: con han che" * 10
    assert secret[:20] not in _bundle(secret)


def test_a_bundle_signed_by_another_site_is_refused():
    forged = sealed.seal_bundle(HEADER, b"x", OTHER, OFFICE.public)
    with pytest.raises(PhutrachError, match="không mang chữ ký"):
        sealed.open_bundle(forged, OFFICE, SITE.public)


def test_a_bundle_written_for_another_office_does_not_open():
    for_other = sealed.seal_bundle(HEADER, b"x", SITE, OTHER.public)
    with pytest.raises(PhutrachError, match="không gửi cho nơi này"):
        sealed.open_bundle(for_other, OFFICE, SITE.public)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_a_cut_or_altered_bundle_is_refused_whole(data):
    bundle = _bundle()
    if data.draw(st.booleans(), label="cut"):
        bundle = bundle[: data.draw(st.integers(0, len(bundle) - 1), label="length")]
    else:
        at = data.draw(st.integers(len(sealed.BUNDLE_MAGIC), len(bundle) - 1), label="at")
        bit = 1 << data.draw(st.integers(0, 7), label="bit")
        bundle = bundle[:at] + bytes([bundle[at] ^ bit]) + bundle[at + 1 :]
    with pytest.raises(PhutrachError):
        sealed.open_bundle(bundle, OFFICE, SITE.public)


def test_not_a_bundle_says_so():
    with pytest.raises(PhutrachError, match="không phải gói dữ liệu"):
        sealed.bundle_header(b"PK\x03\x04 a zip")


def test_an_enrolment_opens_with_its_passphrase_only():
    sealed_file = sealed.seal_enrolment(b"keys and scope", "mật khẩu dài")
    assert sealed.open_enrolment(sealed_file, "mật khẩu dài") == b"keys and scope"
    with pytest.raises(PhutrachError, match="mật khẩu này"):
        sealed.open_enrolment(sealed_file, "mật khẩu sai")
    with pytest.raises(PhutrachError, match="không phải tệp đăng ký"):
        sealed.open_enrolment(sealed_file[:30], "mật khẩu dài")


def test_keys_survive_their_json():
    again = sealed.Keys.from_json(SITE.to_json())
    assert again.public.to_json() == SITE.public.to_json()
    assert sealed.PublicKeys.from_json(SITE.public.to_json()).to_json() == SITE.public.to_json()


@pytest.mark.parametrize(
    ("kind", "named"), [("bundle", "gói dữ liệu"), ("enrolment", "tệp đăng ký")]
)
def test_a_file_larger_than_any_is_refused_unread_as_what_it_was_given_as(tmp_path, kind, named):
    huge = tmp_path / "huge"
    with huge.open("wb") as file:  # sparse: claims the size without the disk
        file.truncate(sealed.FILE_MAX + 1)
    with pytest.raises(PhutrachError, match=named):
        sealed.read_file(huge, kind)
