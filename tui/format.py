"""How the screens write dates and counts: the Vietnamese way."""


def vn_date(iso: str | None) -> str:
    """`2026-09-05` → `05/09/2026`; empty or malformed text is shown as is.

    >>> vn_date("2026-09-05")
    '05/09/2026'
    """
    if not iso or len(iso) < 10 or iso[4] != "-" or iso[7] != "-":
        return iso or ""
    return f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]}"


def vn_number(value: int | None) -> str:
    """Thousands grouped with a dot, as Vietnamese documents write them: 12.000."""
    return "" if value is None else f"{value:,}".replace(",", ".")
