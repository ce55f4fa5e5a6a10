"""Tolerant conversions of the scalar values both marketplaces send (shared by the parsers)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pycountry

from vinyldigger.services.marketplaces.dto import Money


def _pacific() -> tzinfo:
    try:
        return ZoneInfo("America/Los_Angeles")
    except ZoneInfoNotFoundError:  # pragma: no cover - only on systems without tz data
        return timezone(timedelta(hours=-8))


# Discogs writes times in US Pacific time; old responses omit the offset.
DISCOGS_TZ = _pacific()

# Names the marketplaces use that ISO 3166 does not know by that name.
_COUNTRY_ALIASES = {
    "uk": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "great britain": "GB",
    "usa": "US",
    "russia": "RU",
    "macedonia": "MK",
    "north macedonia": "MK",
    "czechia": "CZ",
    "turkey": "TR",
    "south korea": "KR",
    "korea": "KR",
    "ivory coast": "CI",
    "cape verde": "CV",
    "vatican city": "VA",
    "reunion": "RE",
    "palestine": "PS",
    "kosovo": "XK",
    "serbia and montenegro": "RS",
}


def as_dict(value: Any) -> Mapping[str, Any]:
    """The value if it is a JSON object, else an empty mapping (missing or null blocks)."""
    return value if isinstance(value, Mapping) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def text(value: Any) -> str | None:
    """A stripped non-empty string, or None (Discogs sends "" for absent values)."""
    if value is None:
        return None
    result = str(value).strip()
    return result or None


def to_int(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def to_year(value: Any) -> int | None:
    """Years arrive as ints, strings ("2019") or dates ("1987-07-00"); 0 means unknown."""
    raw = text(value)
    if raw is None:
        return None
    year = to_int(raw[:4])
    return year if year and year > 0 else None


def to_decimal(value: Any) -> Decimal | None:
    """Prices come as floats (Discogs) or strings (eBay); floats go through str() so that
    14.99 stays 14.99 rather than its binary expansion."""
    if value is None or isinstance(value, bool):
        return None
    try:
        if isinstance(value, float):
            return Decimal(str(value))
        return Decimal(str(value).strip())
    except InvalidOperation:
        return None


def to_money(amount: Any, currency: Any) -> Money | None:
    value = to_decimal(amount)
    code = text(currency)
    if value is None or code is None or len(code) != 3:
        return None
    return Money(amount=value, currency=code.upper())


def to_datetime(value: Any, default_tz: tzinfo = UTC) -> datetime | None:
    raw = text(value)
    if raw is None:
        return None
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=default_tz)


@lru_cache(maxsize=512)
def country_code(name: str | None) -> str | None:
    """ISO 3166-1 alpha-2 code for a country name or code; None when it names no country."""
    raw = text(name)
    if raw is None:
        return None
    alias = _COUNTRY_ALIASES.get(raw.lower())
    if alias:
        return alias
    try:
        country = pycountry.countries.lookup(raw)
    except LookupError:
        return None
    code: str = country.alpha_2
    return code
