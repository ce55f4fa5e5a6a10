"""One sandbox world: catalog, sellers, users and both marketplaces, moved on by steps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vinyldigger_sandbox.catalog import Catalog
from vinyldigger_sandbox.catalog_search import DatabaseSearch
from vinyldigger_sandbox.clock import WorldClock
from vinyldigger_sandbox.ebay_items import EBAY_ID_BASE
from vinyldigger_sandbox.ebay_market import EbayChanges, EbayMarket
from vinyldigger_sandbox.ebay_search import EbaySearch
from vinyldigger_sandbox.fx import ExchangeRates
from vinyldigger_sandbox.market import DiscogsMarket, MarketChanges, release_pick_weights
from vinyldigger_sandbox.sellers import Seller, make_sellers
from vinyldigger_sandbox.settings import SandboxSettings
from vinyldigger_sandbox.users import SandboxUser, make_users


@dataclass(frozen=True, slots=True)
class StepReport:
    """What changed in one step, so tests know exactly which listings sold and appeared."""

    step: int
    world_time: str
    discogs: MarketChanges
    ebay: EbayChanges

    def to_json(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "world_time": self.world_time,
            "discogs": {
                "sold": self.discogs.sold,
                "new": self.discogs.new,
                "price_changed": self.discogs.price_changed,
            },
            "ebay": {
                "sold": self.ebay.sold,
                "ended": self.ebay.ended,
                "new": self.ebay.new,
                "price_changed": self.ebay.price_changed,
            },
        }


class World:
    def __init__(self, settings: SandboxSettings) -> None:
        seed, size = settings.seed, settings.world_size
        self.seed = seed
        self.size = size
        self.clock = WorldClock.starting(settings.start_date)
        self.rates = ExchangeRates(seed)
        self.catalog = Catalog(seed, size.masters)
        self.users = make_users(seed, self.catalog, self.clock.now)
        self.sellers = make_sellers(seed, size.sellers, size.discogs_listings, size.ebay_items)
        wanted = frozenset(index for user in self.users for index in user.wants)
        weights = release_pick_weights(self.catalog, wanted)
        self.discogs = DiscogsMarket(
            seed,
            self.catalog,
            self.sellers,
            self.clock,
            release_weights=weights,
            turnover=size.turnover_per_step,
        )
        self.ebay = EbayMarket(
            seed,
            self.catalog,
            self.sellers,
            self.clock,
            release_weights=weights,
            turnover=size.turnover_per_step,
            rates=self.rates,
        )
        self.database_search = DatabaseSearch(self.catalog)
        self.ebay_search = EbaySearch(self.ebay, self.rates)
        self.reports: list[StepReport] = []
        self._users_by_name = {user.username.lower(): user for user in self.users}
        self._discogs_sellers = {s.discogs_username.lower(): s for s in self.sellers}
        self._ebay_sellers = {s.ebay_username.lower(): s for s in self.sellers if s.on_ebay}

    @property
    def step(self) -> int:
        return self.clock.step

    def user(self, username: str) -> SandboxUser | None:
        return self._users_by_name.get(username.lower())

    def discogs_seller(self, username: str) -> Seller | None:
        """The seller with this Discogs username (sellers only on eBay have an empty store)."""
        return self._discogs_sellers.get(username.lower())

    def ebay_seller(self, username: str) -> Seller | None:
        return self._ebay_sellers.get(username.lower())

    def warm_up(self) -> None:
        """Build the search indexes now rather than on the first search."""
        self.database_search.build()
        self.ebay_search.catch_up()

    def advance(self, steps: int = 1) -> list[StepReport]:
        reports = []
        for _ in range(steps):
            step = self.clock.step + 1
            self.clock.step = step
            self.rates.rates(step)
            report = StepReport(
                step,
                self.clock.now.isoformat(),
                self.discogs.advance(step),
                self.ebay.advance(step),
            )
            self.reports.append(report)
            reports.append(report)
        return reports

    def ebay_truth(self, item_id: str) -> dict[str, Any] | None:
        """The release an eBay item really is (None for noise), for matching benchmarks."""
        ordinal = ebay_ordinal(item_id)
        if ordinal is None or ordinal >= self.ebay.ordinal_count:
            return None
        release_id, master_id, kind = self.ebay.truth(ordinal)
        return {
            "itemId": f"v1|{EBAY_ID_BASE + ordinal}|0",
            "release_id": release_id,
            "master_id": master_id,
            "kind": kind,
            "active": self.ebay.is_active(ordinal),
        }


def ebay_ordinal(item_id: str) -> int | None:
    """Ordinal of an item from `v1|<legacy>|0` or a bare legacy id."""
    parts = item_id.split("|")
    legacy = parts[1] if len(parts) == 3 else parts[0]
    if not legacy.isdigit():
        return None
    ordinal = int(legacy) - EBAY_ID_BASE
    return ordinal if ordinal >= 0 else None
