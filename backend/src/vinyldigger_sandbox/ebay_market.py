"""eBay items: copies of catalog releases with free-text titles, plus items that match nothing.

Like Discogs listings, each item is an ordinal whose kind, subject and seller sit in
compact arrays; title, price and the rest are generated from the item's own RNG. The
release an item really is (its ground truth) is known here and never shown to eBay clients.
"""

from __future__ import annotations

import random
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from vinyldigger_sandbox.catalog import MASTER_ID_BASE, RELEASE_ID_BASE, VINYL_KINDS, Catalog
from vinyldigger_sandbox.clock import STEP_LENGTH, WorldClock
from vinyldigger_sandbox.ebay_items import (
    AUCTION_DAYS,
    CATEGORY_BY_KIND,
    EBAY_ID_BASE,
    KIND_ACCESSORY,
    KIND_CUMULATIVE,
    KIND_LOT,
    KIND_MEMORABILIA,
    KIND_NAMES,
    KIND_OTHER_FORMAT,
    KIND_RECORD,
    KIND_UNLISTED,
    RECORDS_CATEGORY,
    EbayItem,
    listing_currency,
)
from vinyldigger_sandbox.fx import ExchangeRates, round_to_currency, usd_to_local
from vinyldigger_sandbox.grading import MINT, PRICE_FACTOR, draw_media_grade, draw_sleeve_grade
from vinyldigger_sandbox.market import seller_price
from vinyldigger_sandbox.naming import album_title, artist_name
from vinyldigger_sandbox.rng import cumulative_weights, derive_rng, lognormal_factor, weighted_index
from vinyldigger_sandbox.sellers import Seller
from vinyldigger_sandbox.titles import (
    TitleParts,
    accessory_title,
    lot_title,
    memorabilia_title,
    record_title,
)

# EbayItem is re-exported: it used to live here and callers import it from this module.
__all__ = ["EbayChanges", "EbayItem", "EbayMarket"]


@dataclass(frozen=True, slots=True)
class EbayChanges:
    sold: list[str]
    ended: list[str]
    new: list[str]
    price_changed: list[str]


# Share of shop sellers' fixed-price items that carry a seller coupon.
COUPON_SHARE = 0.08


class EbayMarket:
    def __init__(
        self,
        seed: int,
        catalog: Catalog,
        sellers: Sequence[Seller],
        clock: WorldClock,
        *,
        release_weights: Sequence[float],
        turnover: float,
        rates: ExchangeRates,
    ) -> None:
        self._seed = seed
        self._catalog = catalog
        self._sellers = sellers
        self._clock = clock
        self._turnover = turnover
        self._rates = rates
        previous = 0.0
        vinyl_weights = []
        for index, cumulative in enumerate(release_weights):
            weight = cumulative - previous
            previous = cumulative
            vinyl_weights.append(weight if catalog.release_kind[index] in VINYL_KINDS else 0.0)
        self._vinyl_cumulative = cumulative_weights(vinyl_weights)
        self._other_formats = [
            index
            for index in range(catalog.release_count)
            if catalog.release_kind[index] not in VINYL_KINDS
        ]
        self.item_kind = array("b")
        self.item_ref = array("i")
        self.item_seller = array("i")
        self.item_end_step = array("i")
        self.item_created_step = array("i")
        self._seller_cumulative = cumulative_weights([float(s.ebay_items) for s in sellers])
        self._auctions_by_end: dict[int, list[int]] = {}
        for seller in sellers:
            rng = derive_rng(seed, "ebay-inventory", seller.index)
            for _ in range(seller.ebay_items):
                self._add(rng, seller.index, created_step=0)
        self.initial_count = len(self.item_kind)
        self.removed: dict[int, int] = {}
        self._price_changes: dict[int, float] = {}
        self._bids: dict[int, int] = {}
        self._items: dict[int, EbayItem] = {}
        self._step_blocks: dict[int, tuple[int, int]] = {}
        self._known_artist_names = frozenset(artist.name for artist in catalog.artists)
        for ordinals in self._auctions_by_end.values():
            for ordinal in ordinals:
                # Auctions already running when time starts have drawn some bids.
                self._bids[ordinal] = derive_rng(seed, "ebay-bids", ordinal).choice(
                    (0, 0, 0, 1, 2, 3, 5, 8)
                )

    def _add(self, rng: random.Random, seller_index: int, created_step: int) -> int:
        kind = weighted_index(rng, KIND_CUMULATIVE)
        if kind == KIND_RECORD:
            ref = weighted_index(rng, self._vinyl_cumulative)
        elif kind == KIND_OTHER_FORMAT and self._other_formats:
            ref = rng.choice(self._other_formats)
        elif kind == KIND_MEMORABILIA:
            ref = rng.randrange(len(self._catalog.masters))
        else:
            kind = KIND_UNLISTED if kind == KIND_OTHER_FORMAT else kind
            ref = -1
        auction = kind in (KIND_RECORD, KIND_UNLISTED, KIND_LOT) and rng.random() < 0.18
        ordinal = len(self.item_kind)
        self.item_kind.append(kind)
        self.item_ref.append(ref)
        self.item_seller.append(seller_index)
        self.item_created_step.append(created_step)
        days = rng.choice(AUCTION_DAYS)
        # Auctions running when time starts end within their duration; later ones run fully.
        end_step = rng.randint(1, days) if created_step == 0 else created_step + days
        self.item_end_step.append(end_step if auction else -1)
        if auction:
            self._auctions_by_end.setdefault(end_step, []).append(ordinal)
        return ordinal

    # -- reading -------------------------------------------------------------------------

    @property
    def step(self) -> int:
        return self._clock.step

    @property
    def clock_now(self) -> datetime:
        return self._clock.now

    def convert(self, value: float, source: str, target: str) -> float:
        return self._rates.convert(value, source, target, self._clock.step)

    def coupon_percent(self, item: EbayItem) -> int | None:
        """A seller coupon on some shops' fixed-price items: percent off, or None."""
        if item.is_auction or not self.seller(item).is_shop:
            return None
        rng = derive_rng(self._seed, "ebay-coupon", item.ordinal)
        return rng.choice((5, 10, 15, 20)) if rng.random() < COUPON_SHARE else None

    def seller(self, item: EbayItem) -> Seller:
        return self._sellers[item.seller_index]

    @property
    def ordinal_count(self) -> int:
        return len(self.item_kind)

    def is_active(self, ordinal: int) -> bool:
        return 0 <= ordinal < len(self.item_kind) and ordinal not in self.removed

    def item(self, ordinal: int) -> EbayItem | None:
        if not 0 <= ordinal < len(self.item_kind):
            return None
        cached = self._items.get(ordinal)
        if cached is None:
            cached = self._make_item(ordinal)
            if len(self._items) > 100_000:
                self._items.clear()
            self._items[ordinal] = cached
        return cached

    def price_of(self, item: EbayItem) -> float:
        return self._price_changes.get(item.ordinal, item.price)

    def bid_count(self, item: EbayItem) -> int:
        return self._bids.get(item.ordinal, 0) if item.is_auction else 0

    def current_bid(self, item: EbayItem) -> float:
        """Bids climb from the start price towards what the record is worth."""
        start, bids = item.price, self.bid_count(item)
        if bids == 0:
            return start
        value = max(item.value_estimate, start + bids)
        return seller_price(start + (value - start) * (1 - 0.8**bids), item.currency, 1)

    def shipping_cost(self, item: EbayItem, buyer_country: str) -> tuple[float, float] | None:
        """(first item, each additional) to the buyer, in the item's currency; None when the
        seller does not ship there."""
        seller = self._sellers[item.seller_index]
        rate = seller.shipping.rate_for(seller.country, buyer_country)
        if rate is None:
            return None
        if item.free_domestic_shipping and buyer_country == seller.country:
            return 0.0, 0.0
        step = self._clock.step
        first = self._rates.convert(rate.first_item, seller.currency, item.currency, step)
        additional = self._rates.convert(rate.each_additional, seller.currency, item.currency, step)
        return (
            round_to_currency(first, item.currency),
            round_to_currency(additional, item.currency),
        )

    def truth(self, ordinal: int) -> tuple[int | None, int | None, str]:
        """(release id, master id, kind) an item really is; ids are None for noise."""
        kind = self.item_kind[ordinal]
        ref = self.item_ref[ordinal]
        if kind in (KIND_RECORD, KIND_OTHER_FORMAT):
            master = self._catalog.release_master[ref]
            return RELEASE_ID_BASE + ref, MASTER_ID_BASE + master, KIND_NAMES[kind]
        return None, None, KIND_NAMES[kind]

    # -- generation ----------------------------------------------------------------------

    def _make_item(self, ordinal: int) -> EbayItem:
        rng = derive_rng(self._seed, "ebay-item", ordinal)
        kind, ref = self.item_kind[ordinal], self.item_ref[ordinal]
        seller = self._sellers[self.item_seller[ordinal]]
        currency = listing_currency(seller)
        release = self._catalog.release(ref) if kind in (KIND_RECORD, KIND_OTHER_FORMAT) else None
        master_index = release.master_index if release else (ref if ref >= 0 else None)
        media = sleeve = None
        title_media = title_sleeve = None
        graded_specifics = False
        sealed = False
        value_usd = rng.uniform(3.0, 25.0)
        if release is not None:
            master = self._catalog.masters[release.master_index]
            sealed = rng.random() < (0.35 if release.year >= 2005 else 0.04)
            media = MINT if sealed else draw_media_grade(rng)
            sleeve = MINT if sealed else draw_sleeve_grade(rng, media, '7"' in release.descriptions)
            parts = TitleParts(
                self._catalog.artists[master.artist_index].name,
                release.title,
                release.year,
                self._catalog.labels[release.label_index].name,
                release.catno,
                release.country,
            )
            wording = derive_rng(self._seed, "ebay-grade-words", ordinal)
            written = record_title(
                rng,
                seller.title_style,
                release,
                parts,
                media_grade=media,
                sleeve_grade=sleeve,
                sealed=sealed,
                wording=wording,
            )
            title, title_media, title_sleeve = written.text, written.media, written.sleeve
            # About half of record sellers fill in eBay's grading item specifics.
            graded_specifics = wording.random() < (0.75 if seller.is_shop else 0.4)
            value_usd = release.market_price_usd * PRICE_FACTOR[media]
        elif kind == KIND_LOT:
            artists = [
                self._catalog.artists[rng.randrange(len(self._catalog.artists))].name
                for _ in range(3)
            ]
            master = self._catalog.masters[rng.randrange(len(self._catalog.masters))]
            title = lot_title(rng, artists, master.genres[0])
            value_usd = rng.uniform(40.0, 250.0)
        elif kind == KIND_ACCESSORY:
            title = accessory_title(rng)
        elif kind == KIND_MEMORABILIA and master_index is not None:
            master = self._catalog.masters[master_index]
            title = memorabilia_title(
                rng, self._catalog.artists[master.artist_index].name, master.title, master.year
            )
        else:
            title = self._unlisted_title(rng)
            value_usd = rng.uniform(5.0, 40.0)
        value = seller_price(
            usd_to_local(value_usd * seller.price_markup, currency), currency, seller.index
        )
        is_auction = self.item_end_step[ordinal] >= 0
        start_price = rng.choice((0.99, 4.99, 9.99, round(value * rng.uniform(0.3, 0.6), 2)))
        price = seller_price(value * lognormal_factor(rng, 0.25), currency, seller.index)
        created, ends = self._dates(rng, ordinal)
        gtin = release.barcode if release is not None and release.barcode else None
        return EbayItem(
            ordinal=ordinal,
            kind=kind,
            release_index=release.index if release else None,
            master_index=master_index,
            seller_index=seller.index,
            title=title,
            category=CATEGORY_BY_KIND.get(kind, RECORDS_CATEGORY),
            condition_id="1000" if sealed or kind == KIND_ACCESSORY else "3000",
            media_grade=media,
            sleeve_grade=sleeve,
            title_media=title_media,
            title_sleeve=title_sleeve,
            graded_specifics=graded_specifics,
            price=max(start_price, 0.99) if is_auction else price,
            currency=currency,
            is_auction=is_auction,
            value_estimate=value,
            best_offer=not is_auction and rng.random() < 0.25,
            created=created,
            ends=ends,
            shipping_calculated=rng.random() < 0.05,
            free_domestic_shipping=rng.random() < 0.15,
            gtin=gtin if gtin and rng.random() < 0.6 else None,
            epid=str(100_000_000 + (release.index if release else 0))
            if gtin and rng.random() < 0.5
            else None,
            discount_percent=rng.choice((10, 15, 20, 25)) if rng.random() < 0.05 else 0,
            top_rated=seller.is_shop and rng.random() < 0.7,
            image_count=rng.randrange(1, 6),
        )

    def _unlisted_title(self, rng: random.Random) -> str:
        """A record that is not in the catalog, under a name no catalog artist has."""
        name = artist_name(rng)
        while name in self._known_artist_names:
            name = artist_name(rng)
        return f"{name} - {album_title(rng)} LP {rng.randrange(1960, 2024)}"

    def _dates(self, rng: random.Random, ordinal: int) -> tuple[datetime, datetime | None]:
        end_step = self.item_end_step[ordinal]
        created_step = self.item_created_step[ordinal]
        if end_step >= 0:
            ends = self._clock.time_at(end_step - 1) + STEP_LENGTH * rng.random()
            days = rng.choice(AUCTION_DAYS) if created_step == 0 else end_step - created_step
            return ends - timedelta(days=max(days, end_step - created_step)), ends
        if created_step == 0:
            return self._clock.time_at(0) - timedelta(days=rng.uniform(0.5, 400.0)), None
        first, count = self._step_blocks[created_step]
        slot = (ordinal - first + rng.random()) / count
        return self._clock.time_at(created_step - 1) + STEP_LENGTH * slot, None

    # -- time ----------------------------------------------------------------------------

    def advance(self, step: int) -> EbayChanges:
        """Auctions due end, bids come in, fixed-price items sell, new items are listed."""
        rng = derive_rng(self._seed, "ebay-step", step)
        sold: list[int] = []
        ended: list[int] = []
        for ordinal in self._auctions_by_end.pop(step, []):
            if ordinal not in self.removed:
                self.removed[ordinal] = step
                (sold if self._bids.get(ordinal, 0) > 0 else ended).append(ordinal)
        for end_step in sorted(self._auctions_by_end):
            for ordinal in self._auctions_by_end[end_step]:
                if rng.random() < 0.35:
                    self._bids[ordinal] = self._bids.get(ordinal, 0) + rng.randint(1, 3)
        total = len(self.item_kind)
        wanted = max(1, int((total - len(self.removed)) * self._turnover))
        fixed_price = self._pick_fixed_price(rng, wanted)
        for ordinal in fixed_price:
            self.removed[ordinal] = step
        changed = []
        for ordinal in self._pick_fixed_price(rng, wanted // 2):
            item = self.item(ordinal)
            assert item is not None
            factor = rng.uniform(0.75, 0.97) if rng.random() < 0.8 else rng.uniform(1.03, 1.15)
            new_price = seller_price(self.price_of(item) * factor, item.currency, item.seller_index)
            if new_price != self.price_of(item):
                self._price_changes[ordinal] = new_price
                changed.append(ordinal)
        first_new = total
        added = len(sold) + len(ended) + len(fixed_price)
        for _ in range(added):
            self._add(rng, weighted_index(rng, self._seller_cumulative), created_step=step)
        self._step_blocks[step] = (first_new, added)
        return EbayChanges(
            sold=self._ids(sorted(sold + fixed_price)),
            ended=self._ids(sorted(ended)),
            new=self._ids(range(first_new, first_new + added)),
            price_changed=self._ids(sorted(changed)),
        )

    def _pick_fixed_price(self, rng: random.Random, wanted: int) -> list[int]:
        total = len(self.item_kind)
        picked: list[int] = []
        for ordinal in rng.sample(range(total), k=min(total, wanted * 3 + 10)):
            if ordinal in self.removed or self.item_end_step[ordinal] >= 0:
                continue
            picked.append(ordinal)
            if len(picked) == wanted:
                break
        return picked

    @staticmethod
    def _ids(ordinals: Sequence[int]) -> list[str]:
        return [f"v1|{EBAY_ID_BASE + ordinal}|0" for ordinal in ordinals]
