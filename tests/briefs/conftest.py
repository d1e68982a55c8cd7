"""Fixtures of the brief tests: a letterhead, a small PNG picture, the demo district."""

import struct
import zlib
from datetime import date
from pathlib import Path

import pytest

from store.core import db as store_db
from store.demo import build_demo
from store.reports.letterhead import Letterhead, Route

DEMO_TODAY = date(2026, 12, 2)  # a running month, quarter and half-year: "not yet due" shows


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """The demo district's database, built once per module that asks for it."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo(store_db.connect(path), today=DEMO_TODAY)
    return path


@pytest.fixture
def lh() -> Letterhead:
    return Letterhead(
        parent_body="Đảng bộ tỉnh Bắc Ninh",
        issuing_body="Huyện ủy Tiên Du",
        short_code="HU",
        place="Tiên Du",
        signer_name="Nguyễn Văn An",
        routes=(("unit", Route((), ("Ban Tổ chức Tỉnh ủy (để báo cáo)", "Lưu VP"))),),
    )


@pytest.fixture
def png() -> bytes:
    """A 40×20 RGB PNG, built by hand so the tests need no imaging library."""
    width, height = 40, 20
    rows = b"".join(
        b"\x00" + b"".join(bytes([x * 6, y * 12, 128]) for x in range(width)) for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
