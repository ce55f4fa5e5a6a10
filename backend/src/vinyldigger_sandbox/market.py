"""Discogs marketplace listings: who sells which release, in what grade, for how much.

Each listing is an ordinal. The two facts every index needs (its release and its seller)
live in compact arrays; the rest (grades, price, date, comment) comes from the listing's
own RNG when asked. Time adds listings at the end of the arrays and marks others sold.
"""

from __future__ import annotations

import random
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from vinyldigger_sandbox.catalog import Catalog
from vinyldigger_sandbox.clock import STEP_LENGTH, WorldClock
from vinyldigger_sandbox.fx import ExchangeRates, round_to_currency, usd_to_local
from vinyldigger_sandbox.grading import PRICE_FACTOR, draw_media_grade, draw_sleeve_grade
from vinyldigger_sandbox.rng import (
    cumulative_weights,
    derive_rng,
    lognormal_factor,
    weighted_index,
)
from vinyldigger_sandbox.sellers import Seller
from vinyldigger_sandbox.vocabulary import LISTING_COMMENTS

LISTING_ID_BASE = 3_000_000_000
# Releases someone in the sandbox wants turn up for sale more often, so the demo has finds.
WANTED_BOOST = 3.0


@dataclass(slots=True)
class Listing:
    """One Discogs listing; treated as immutable (not frozen only because that is slower)."""

    id: int
    release_index: int
    seller_index: int
    condition: str
    sleeve_condition: str
    price: float
    currency: str
    posted: datetime
    comments: str
    allow_offers: bool


@dataclass(frozen=True, slots=True)
class MarketChanges:
    sold: list[int]
    new: list[int]
    price_changed: list[int]


def release_pick_weights(catalog: Catalog, boosted: frozenset[int]) -> list[float]:
    return cumulative_weights(
        [
            catalog.release_popularity(index) * (WANTED_BOOST if index in boosted else 1.0)
            for index in range(catalog.release_count)
        ]
    )


class DiscogsMarket:
    def __init__(
        self,
        seed: int,
        catalog: Catalog,
        sellers: Sequence[Seller],
        clock: WorldClock,
        *,
        release_weights: Sequence[float],
        turnover: float,
    ) -> None:
        self._seed = seed
        self._catalog = catalog
        self._sellers = sellers
        self._clock = clock
        self._release_weights = release_weights
        self._turnover = turnover
        self.listing_release = array("i")
        self.listing_seller = array("i")
        # (first ordinal, count) of the listings each seller had when the world began.
        self._seller_block: dict[int, tuple[int, int]] = {}
        for seller in sellers:
            if not seller.on_discogs:
                continue
            rng = derive_rng(seed, "discogs-inventory", seller.index)
            self._seller_block[seller.index] = (len(self.listing_release), seller.discogs_listings)
            picks = rng.choices(
                range(catalog.release_count), cum_weights=release_weights, k=seller.discogs_listings
            )
            self.listing_release.extend(picks)
            self.listing_seller.extend([seller.index] * seller.discogs_listings)
        self.initial_count = len(self.listing_release)
        self._release_ordinals = group_ordinals(self.listing_release)
        self._seller_cumulative = cumulative_weights([float(s.discogs_listings) for s in sellers])
        # Changes made by time: sold ids, listings added per seller, new prices.
        self.sold: dict[int, int] = {}
        self._added_by_seller: dict[int, list[int]] = {}
        self._step_blocks: dict[int, tuple[int, int]] = {}
        self._price_changes: dict[int, float] = {}
        self._listing_cache: dict[int, Listing] = {}

    # -- reading -------------------------------------------------------------------------

    def listing(self, listing_id: int) -> Listing | None:
        ordinal = listing_id - LISTING_ID_BASE
        if not 0 <= ordinal < len(self.listing_release):
            return None
        cached = self._listing_cache.get(ordinal)
        if cached is None:
            cached = self._make_listing(ordinal)
            if len(self._listing_cache) > 200_000:
                self._listing_cache.clear()
            self._listing_cache[ordinal] = cached
        return cached

    def is_for_sale(self, listing_id: int) -> bool:
        return listing_id not in self.sold and listing_id - LISTING_ID_BASE < len(
            self.listing_release
        )

    def price_of(self, listing: Listing) -> float:
        return self._price_changes.get(listing.id, listing.price)

    def release_listing_ids(self, release_index: int) -> list[int]:
        """Ids of the copies of a release for sale now, oldest first."""
        return [
            LISTING_ID_BASE + ordinal
            for ordinal in self._release_ordinals.get(release_index, ())
            if LISTING_ID_BASE + ordinal not in self.sold
        ]

    def seller_listing_ids(self, seller_index: int) -> list[int]:
        first, count = self._seller_block.get(seller_index, (0, 0))
        ordinals: Iterable[int] = range(first, first + count)
        ids = [LISTING_ID_BASE + ordinal for ordinal in ordinals]
        ids += self._added_by_seller.get(seller_index, [])
        return [listing_id for listing_id in ids if listing_id not in self.sold]

    def lowest_price(
        self, release_indexes: Iterable[int], currency: str, rates: ExchangeRates
    ) -> tuple[int, float | None]:
        """How many copies are for sale and the cheapest one's price in `currency`."""
        count, lowest = 0, None
        for release_index in release_indexes:
            for listing_id in self.release_listing_ids(release_index):
                listing = self.listing(listing_id)
                assert listing is not None
                price = rates.convert(
                    self.price_of(listing), listing.currency, currency, self._clock.step
                )
                count += 1
                lowest = price if lowest is None else min(lowest, price)
        return count, None if lowest is None else round_to_currency(lowest, currency)

    # -- generation ----------------------------------------------------------------------

    def _make_listing(self, ordinal: int) -> Listing:
        rng = derive_rng(self._seed, "listing", ordinal)
        release = self._catalog.release(self.listing_release[ordinal])
        seller = self._sellers[self.listing_seller[ordinal]]
        media = draw_media_grade(rng)
        sleeve = draw_sleeve_grade(rng, media, '7"' in release.descriptions)
        usd = release.market_price_usd * PRICE_FACTOR[media] * seller.price_markup
        usd *= lognormal_factor(rng, 0.2) * (0.9 if sleeve in ("Generic", "No Cover") else 1.0)
        local = usd_to_local(usd, seller.currency)
        return Listing(
            id=LISTING_ID_BASE + ordinal,
            release_index=release.index,
            seller_index=seller.index,
            condition=media,
            sleeve_condition=sleeve,
            price=seller_price(local, seller.currency, seller.index),
            currency=seller.currency,
            posted=self._posted(ordinal, seller, rng.random()),
            comments=rng.choice(LISTING_COMMENTS),
            allow_offers=rng.random() < (0.2 if seller.is_shop else 0.45),
        )

    def _posted(self, ordinal: int, seller: Seller, jitter: float) -> datetime:
        """Listing dates grow with the ordinal, so sorting by id sorts by date listed."""
        if ordinal >= self.initial_count:
            for step, (first, count) in self._step_blocks.items():
                if first <= ordinal < first + count:
                    slot = (ordinal - first + jitter) / count
                    return self._clock.time_at(step - 1) + STEP_LENGTH * slot
        first, count = self._seller_block[seller.index]
        history_days = min(seller.registered_days_ago, 900)
        slot = (ordinal - first + jitter) / count
        return self._clock.time_at(0) - timedelta(days=history_days * (1.0 - slot))

    # -- time ----------------------------------------------------------------------------

    def advance(self, step: int) -> MarketChanges:
        rng = derive_rng(self._seed, "discogs-step", step)
        total = len(self.listing_release)
        active = total - len(self.sold)
        wanted = max(1, int(active * self._turnover))
        sold = _pick_unsold(rng, total, wanted, self.sold)
        for listing_id in sold:
            self.sold[listing_id] = step
        changed = []
        for listing_id in _pick_unsold(rng, total, wanted // 2, self.sold):
            listing = self.listing(listing_id)
            assert listing is not None
            factor = rng.uniform(0.75, 0.97) if rng.random() < 0.8 else rng.uniform(1.03, 1.15)
            new_price = seller_price(
                self.price_of(listing) * factor, listing.currency, listing.seller_index
            )
            if new_price != self.price_of(listing):
                self._price_changes[listing_id] = new_price
                changed.append(listing_id)
        first_new = total
        for _ in range(wanted):
            seller_index = weighted_index(rng, self._seller_cumulative)
            release_index = weighted_index(rng, self._release_weights)
            ordinal = len(self.listing_release)
            self.listing_release.append(release_index)
            self.listing_seller.append(seller_index)
            self._release_ordinals.setdefault(release_index, array("i")).append(ordinal)
            self._added_by_seller.setdefault(seller_index, []).append(LISTING_ID_BASE + ordinal)
        self._step_blocks[step] = (first_new, wanted)
        new = [LISTING_ID_BASE + ordinal for ordinal in range(first_new, first_new + wanted)]
        return MarketChanges(sorted(sold), new, sorted(changed))


def seller_price(amount: float, currency: str, seller_index: int) -> float:
    """Prices the way people set them: x.99 for some sellers, round figures for others."""
    if currency in ("JPY", "SEK"):
        return float(max(round(amount, -1 if currency == "SEK" else -2), 10.0))
    amount = max(amount, 1.0)
    style = seller_index % 3
    if style == 0:
        return round(int(amount) + 0.99, 2)
    if style == 1:
        return round_to_currency(round(amount * 2) / 2, currency) or 1.0
    return round_to_currency(amount, currency)


def _pick_unsold(rng: random.Random, total: int, wanted: int, sold: dict[int, int]) -> list[int]:
    picked: list[int] = []
    seen: set[int] = set()
    for ordinal in rng.sample(range(total), k=min(total, wanted * 2 + 10)):
        listing_id = LISTING_ID_BASE + ordinal
        if listing_id in sold or listing_id in seen:
            continue
        seen.add(listing_id)
        picked.append(listing_id)
        if len(picked) == wanted:
            break
    return picked


def group_ordinals(values: Sequence[int]) -> dict[int, array[int]]:
    """Positions of each value, as compact int arrays (an inverted index)."""
    grouped: dict[int, array[int]] = {}
    for ordinal, value in enumerate(values):
        bucket = grouped.get(value)
        if bucket is None:
            grouped[value] = array("i", (ordinal,))
        else:
            bucket.append(ordinal)
    return grouped
