"""Sellers: a few big shops and many small ones, each with a country and a shipping policy."""

from __future__ import annotations

import random
from dataclasses import dataclass

from vinyldigger_sandbox.fx import BASE_RATES, format_money
from vinyldigger_sandbox.rng import cumulative_weights, derive_rng, pareto_weight, weighted_index
from vinyldigger_sandbox.vocabulary import (
    COUNTRY_CURRENCY,
    COUNTRY_NAMES,
    FIRST_NAMES,
    LAST_NAMES,
    SELLER_COUNTRIES,
    SHOP_SUFFIXES,
    SHOP_WORDS,
)

SELLER_ID_BASE = 4_100_000
# Of the sellers on both marketplaces, the share that uses one name on both. Most pick
# another name on eBay (a variant or something else entirely), so an eBay name is a poor
# guide to a Discogs store.
SAME_NAME_SHARE = 0.2
EUROPE = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CH",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GB",
        "GR",
        "HR",
        "HU",
        "IE",
        "IS",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "NO",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    ]
)
NORTH_AMERICA = frozenset(("US", "CA"))
_COUNTRY_CUMULATIVE = cumulative_weights(tuple(weight for *_, weight in SELLER_COUNTRIES))


def shipping_region(country: str) -> str:
    if country in EUROPE:
        return "Europe"
    if country in NORTH_AMERICA:
        return "North America"
    return country


@dataclass(frozen=True, slots=True)
class ShippingRate:
    first_item: float
    each_additional: float


@dataclass(frozen=True, slots=True)
class ShippingPolicy:
    """What a seller charges to ship records, in the seller's currency."""

    currency: str
    domestic: ShippingRate
    region: ShippingRate | None
    worldwide: ShippingRate | None
    free_shipping_over: float | None
    min_order_total: float

    def rate_for(self, seller_country: str, buyer_country: str) -> ShippingRate | None:
        """The rate to the buyer's country, or None when the seller does not ship there."""
        if buyer_country == seller_country:
            return self.domestic
        if shipping_region(buyer_country) == shipping_region(seller_country):
            return self.region
        return self.worldwide

    def quote(
        self, seller_country: str, buyer_country: str, items: int, subtotal: float
    ) -> float | None:
        rate = self.rate_for(seller_country, buyer_country)
        if rate is None or items <= 0:
            return None
        if self.free_shipping_over is not None and subtotal >= self.free_shipping_over:
            return 0.0
        return round(rate.first_item + rate.each_additional * (items - 1), 2)


@dataclass(frozen=True, slots=True)
class TitleStyle:
    """How a seller writes eBay titles; sellers are consistent, which matchers can learn."""

    all_caps: bool
    lowercase: bool
    grade_notation: int
    catno_rate: float
    typo_rate: float
    pressing_notes_rate: float


@dataclass(frozen=True, slots=True)
class Seller:
    index: int
    id: int
    # Names on each marketplace; equal for about one in five sellers on both. A seller on
    # one marketplace only has the same name in both fields.
    discogs_username: str
    ebay_username: str
    country: str
    currency: str
    is_shop: bool
    on_discogs: bool
    on_ebay: bool
    discogs_listings: int
    ebay_items: int
    rating: float
    rating_count: int
    price_markup: float
    payment: str
    shipping: ShippingPolicy
    title_style: TitleStyle
    registered_days_ago: int

    @property
    def same_name(self) -> bool:
        return self.discogs_username == self.ebay_username

    @property
    def ships_from(self) -> str:
        return COUNTRY_NAMES[self.country]

    @property
    def stars(self) -> float:
        return max(0.0, min(5.0, round((self.rating - 80.0) / 4.0 * 2) / 2))


def make_sellers(seed: int, count: int, discogs_listings: int, ebay_items: int) -> list[Seller]:
    """Sellers with heavy-tailed inventories that add up to about the requested totals."""
    drafts = []
    used_names: set[str] = set()
    for index in range(count):
        rng = derive_rng(seed, "seller", index)
        weight = pareto_weight(rng, 1.1, max(40.0, count / 4))
        on_discogs = rng.random() < 0.9
        on_ebay = rng.random() < (0.8 if weight > 20 else 0.35) or not on_discogs
        name = _username(rng, weight > 15)
        while name in used_names:
            name = f"{name}{rng.randrange(10)}"
        used_names.add(name)
        drafts.append((rng, weight, on_discogs, on_ebay, name))
    discogs_total = sum(weight for _, weight, on_discogs, _, _ in drafts if on_discogs)
    ebay_total = sum(weight for _, weight, _, on_ebay, _ in drafts if on_ebay)
    ebay_names = _ebay_names(seed, drafts, used_names)
    sellers = []
    for index, (rng, weight, on_discogs, on_ebay, name) in enumerate(drafts):
        discogs_size = max(1, round(discogs_listings * weight / discogs_total)) if on_discogs else 0
        ebay_size = max(1, round(ebay_items * weight / ebay_total)) if on_ebay else 0
        sellers.append(
            _seller(
                rng,
                index,
                (name, ebay_names.get(index, name)),
                is_shop=weight > 15,
                on_discogs=on_discogs,
                on_ebay=on_ebay,
                discogs_size=discogs_size,
                ebay_size=ebay_size,
            )
        )
    return sellers


def _ebay_names(
    seed: int, drafts: list[tuple[random.Random, float, bool, bool, str]], used: set[str]
) -> dict[int, str]:
    """eBay names of the sellers on both marketplaces who chose one unlike their Discogs name.

    Drawn from generators of their own, so the rest of each seller is what it was. The
    names are unique across both marketplaces (ignoring case), so an eBay name never leads to
    some other seller's Discogs store.
    """
    on_both = [index for index, (_, _, discogs, ebay, _) in enumerate(drafts) if discogs and ebay]
    keep = set(
        derive_rng(seed, "same-name").sample(on_both, k=round(len(on_both) * SAME_NAME_SHARE))
    )
    taken = {name.lower() for name in used}
    names = {}
    for index in on_both:
        if index in keep:
            continue
        rng = derive_rng(seed, "ebay-name", index)
        discogs_name, is_shop = drafts[index][4], drafts[index][1] > 15
        name = _name_variant(rng, discogs_name) if rng.random() < 0.5 else _username(rng, is_shop)
        while name.lower() in taken:
            name = f"{name}{rng.randrange(10)}"
        taken.add(name.lower())
        names[index] = name
    return names


def _name_variant(rng: random.Random, name: str) -> str:
    """A name a person might pick on a second site: their usual one, decorated."""
    plain = name.replace(".", "").replace("-", "").replace("_", "")
    return rng.choice(
        (
            f"{plain}_{rng.choice(('vinyl', 'records', 'music', 'lps'))}",
            f"{name}-{rng.randrange(1, 999)}",
            f"{plain.lower()}{rng.choice(('uk', 'de', 'us', 'eu', 'shop', 'store'))}",
            f"the_{plain.lower()}",
        )
    )


def _seller(
    rng: random.Random,
    index: int,
    names: tuple[str, str],
    *,
    is_shop: bool,
    on_discogs: bool,
    on_ebay: bool,
    discogs_size: int,
    ebay_size: int,
) -> Seller:
    country = SELLER_COUNTRIES[weighted_index(rng, _COUNTRY_CUMULATIVE)][0]
    currency = COUNTRY_CURRENCY[country]
    rating = round(min(100.0, 100.0 - rng.expovariate(1.0 if is_shop else 0.6)), 1)
    return Seller(
        index=index,
        id=SELLER_ID_BASE + index,
        discogs_username=names[0],
        ebay_username=names[1],
        country=country,
        currency=currency,
        is_shop=is_shop,
        on_discogs=on_discogs,
        on_ebay=on_ebay,
        discogs_listings=discogs_size,
        ebay_items=ebay_size,
        rating=rating,
        rating_count=int((discogs_size + ebay_size) * rng.uniform(0.5, 4.0)) + rng.randrange(5),
        price_markup=rng.uniform(0.85, 1.3) if not is_shop else rng.uniform(0.95, 1.2),
        payment=rng.choice(("PayPal Commerce", "Discogs Payments", "Discogs Payments")),
        shipping=_shipping_policy(rng, country, currency, is_shop),
        title_style=TitleStyle(
            all_caps=rng.random() < 0.07,
            lowercase=rng.random() < 0.05,
            grade_notation=rng.randrange(4),
            catno_rate=rng.uniform(0.0, 0.7),
            typo_rate=rng.choice((0.0, 0.02, 0.05, 0.12)),
            pressing_notes_rate=rng.uniform(0.2, 0.9),
        ),
        registered_days_ago=rng.randrange(60, 6000),
    )


def _username(rng: random.Random, is_shop: bool) -> str:
    if is_shop:
        word, suffix = rng.choice(SHOP_WORDS), rng.choice(SHOP_SUFFIXES)
        return rng.choice(
            (
                f"{word}{suffix}",
                f"{word.lower()}-{suffix.lower()}",
                f"{word}{suffix}Records",
                f"{word.lower()}{suffix.lower()}_shop",
            )
        )
    first, last = rng.choice(FIRST_NAMES).lower(), rng.choice(LAST_NAMES).lower()
    return rng.choice(
        (
            f"{first}{last}{rng.randrange(10, 99)}",
            f"{first}.{last}",
            f"{last}_records",
            f"{first[0]}{last}{rng.randrange(1960, 2005)}",
            f"{rng.choice(SHOP_WORDS).lower()}_{first}",
        )
    )


def _shipping_policy(
    rng: random.Random, country: str, currency: str, is_shop: bool
) -> ShippingPolicy:
    # Rates are thought of in EUR and expressed in the seller's currency.
    to_local = BASE_RATES[currency] if currency != "EUR" else 1.0

    def rate(first: float, additional: float) -> ShippingRate:
        return ShippingRate(
            _round_price(first * to_local, currency), _round_price(additional * to_local, currency)
        )

    reach = rng.random()
    domestic = rate(rng.uniform(3.0, 6.5), rng.uniform(0.5, 2.0))
    region = rate(rng.uniform(8.0, 15.0), rng.uniform(1.0, 3.5)) if reach > 0.15 else None
    worldwide = rate(rng.uniform(15.0, 32.0), rng.uniform(2.0, 6.0)) if reach > 0.5 else None
    free_over = _round_price(rng.choice((60.0, 80.0, 100.0, 150.0)) * to_local, currency)
    minimum = _round_price(rng.choice((5.0, 10.0, 15.0, 25.0)) * to_local, currency)
    return ShippingPolicy(
        currency=currency,
        domestic=domestic,
        region=region,
        worldwide=worldwide,
        free_shipping_over=free_over if rng.random() < (0.45 if is_shop else 0.2) else None,
        min_order_total=minimum if rng.random() < 0.25 else 0.0,
    )


def _round_price(amount: float, currency: str) -> float:
    """Sellers quote round figures: tens of yen or kronor, half units elsewhere."""
    if currency in ("JPY", "SEK"):
        return float(round(amount, -1))
    return round(amount * 2) / 2


def shipping_text(seller: Seller) -> str:
    """The free-text `shipping` policy Discogs shows, written from the structured policy."""
    policy = seller.shipping

    def money(amount: float) -> str:
        return format_money(amount, policy.currency)

    parts = [f"Ships from {seller.ships_from}."]
    labels = (
        ("within " + seller.ships_from, policy.domestic),
        ("to the rest of " + shipping_region(seller.country), policy.region),
        ("worldwide", policy.worldwide),
    )
    for where, rate in labels:
        if rate is not None:
            parts.append(
                f"Records {where}: first item {money(rate.first_item)}, each additional "
                f"{money(rate.each_additional)}."
            )
    if policy.region is None:
        parts.append("No international shipping.")
    elif policy.worldwide is None:
        parts.append(f"No shipping outside {shipping_region(seller.country)}.")
    if policy.free_shipping_over is not None:
        parts.append(f"Free shipping on orders over {money(policy.free_shipping_over)}.")
    if policy.min_order_total:
        parts.append(f"Minimum order {money(policy.min_order_total)}.")
    return "\r\n".join(parts)
