"""Settings of the sandbox marketplace: world size and seed, limits, and injected faults."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

SizeName = Literal["small", "demo", "large"]
FaultTarget = Literal["discogs", "ebay", "fx"]
FAULT_TARGETS: tuple[FaultTarget, ...] = ("discogs", "ebay", "fx")

# The world starts on a fixed date so that the same seed gives byte-identical answers
# whatever day the sandbox runs; `start_date` moves it for demos that want "today".
DEFAULT_START_DATE = date(2026, 6, 1)


@dataclass(frozen=True, slots=True)
class WorldSize:
    """How many of each thing a world holds; the generators scale from these numbers."""

    name: str
    masters: int
    sellers: int
    discogs_listings: int
    ebay_items: int
    # Items that appear or sell in one world step, as a share of the current stock.
    turnover_per_step: float


WORLD_SIZES: dict[str, WorldSize] = {
    "small": WorldSize(
        "small",
        masters=900,
        sellers=120,
        discogs_listings=12_000,
        ebay_items=3_000,
        turnover_per_step=0.02,
    ),
    "demo": WorldSize(
        "demo",
        masters=3_000,
        sellers=600,
        discogs_listings=60_000,
        ebay_items=12_000,
        turnover_per_step=0.015,
    ),
    "large": WorldSize(
        "large",
        masters=12_000,
        sellers=3_000,
        discogs_listings=300_000,
        ebay_items=50_000,
        turnover_per_step=0.01,
    ),
}


class FaultSettings(BaseModel):
    """Faults injected into the Discogs, eBay and FX answers (never into /sandbox/*)."""

    latency_ms: int = Field(default=0, ge=0, le=60_000)
    error_rate: float = Field(default=0.0, ge=0.0, le=1.0)
    timeout_rate: float = Field(default=0.0, ge=0.0, le=1.0)
    truncate_rate: float = Field(default=0.0, ge=0.0, le=1.0)
    # A "timeout" holds the request this long before giving up with a 504, which must be
    # longer than any sensible client timeout for the fault to be a timeout at all.
    timeout_hang_seconds: float = Field(default=120.0, ge=0.0, le=3_600.0)
    # Faults are drawn from their own seeded generator so a run with faults is repeatable.
    fault_seed: int = 0
    apply_to: list[FaultTarget] = Field(default_factory=lambda: list(FAULT_TARGETS))


class SandboxSettings(BaseModel):
    """Everything the sandbox can be told; the mutable part can change at run time."""

    host: str = "127.0.0.1"
    port: int = 8765
    seed: int = 1
    size: SizeName = "small"
    start_date: date = DEFAULT_START_DATE
    discogs_rate_limit: int = Field(default=60, ge=1)
    discogs_rate_limit_unauthenticated: int = Field(default=25, ge=1)
    discogs_rate_window_seconds: float = Field(default=60.0, gt=0.0)
    ebay_daily_call_limit: int = Field(default=5_000, ge=1)
    ebay_token_ttl_seconds: int = Field(default=7_200, ge=1)
    advance_every_seconds: float = Field(default=0.0, ge=0.0)
    # Behind a proxy the client address is in X-Forwarded-For; off by default because
    # Discogs limits by the address it sees.
    trust_forwarded_for: bool = False
    faults: FaultSettings = Field(default_factory=FaultSettings)

    @property
    def world_size(self) -> WorldSize:
        return WORLD_SIZES[self.size]


class SettingsUpdate(BaseModel):
    """Body of POST /sandbox/settings: only the fields that may change while running."""

    discogs_rate_limit: int | None = Field(default=None, ge=1)
    discogs_rate_limit_unauthenticated: int | None = Field(default=None, ge=1)
    discogs_rate_window_seconds: float | None = Field(default=None, gt=0.0)
    ebay_daily_call_limit: int | None = Field(default=None, ge=1)
    ebay_token_ttl_seconds: int | None = Field(default=None, ge=1)
    advance_every_seconds: float | None = Field(default=None, ge=0.0)
    trust_forwarded_for: bool | None = None
    faults: FaultSettings | None = None


def apply_update(settings: SandboxSettings, update: SettingsUpdate) -> SandboxSettings:
    """Return new settings with the given fields replaced; the rest stay as they were."""
    changes = update.model_dump(exclude_none=True)
    if update.faults is not None:
        changes["faults"] = update.faults
    return settings.model_copy(update=changes)
