"""Fitting wide tables into a terminal: long cells and headers wrapped onto several lines
(tabulate lays out multi-line cells)."""

import textwrap


def wrap(value, width: int) -> str:
    """`value` as text wrapped at `width` columns; None is an empty cell."""
    return textwrap.fill(str(value), width) if value not in (None, "") else ""


def wrap_headers(headers: dict[str, str], width: int = 10) -> dict[str, str]:
    return {key: wrap(title, width) for key, title in headers.items()}
