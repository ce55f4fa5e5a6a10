"""Browse search over eBay items: keyword index, the `filter` mini-language, sorting."""

from __future__ import annotations

import re
import threading
import unicodedata
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field

from vinyldigger_sandbox.ebay_items import KIND_OTHER_FORMAT, KIND_RECORD, EbayItem
from vinyldigger_sandbox.ebay_market import EbayMarket
from vinyldigger_sandbox.fx import ExchangeRates

# Words eBay shoppers add that sellers often leave out; ignoring them keeps AND-search usable.
_QUERY_STOP_WORDS = frozenset(("the", "a", "an", "and"))
_MUSIC_CATEGORY = "11233"
_WORD = re.compile(r"[a-z0-9]+")
CONDITION_NAMES = {"1000": "New", "3000": "Used"}
_CONDITION_GROUPS = {"NEW": {"1000"}, "USED": {"3000"}}


class SearchError(ValueError):
    """A request eBay would refuse; the message is shown to the client."""


def tokenize(text: str) -> list[str]:
    """Lower-case ASCII words; accents fold away ("Café" -> "cafe")."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _WORD.findall(text.lower())


@dataclass(slots=True)
class KeywordQuery:
    """`q` as eBay reads it: all words must match, `(a, b)` means either, `-word` excludes."""

    required: list[str] = field(default_factory=list)
    any_of: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, text: str) -> KeywordQuery:
        query = cls()
        for group in re.findall(r"\(([^)]*)\)", text):
            options = [token for part in group.split(",") for token in tokenize(part)[:1]]
            if options:
                query.any_of.append(options)
        remainder = re.sub(r"\([^)]*\)", " ", text)
        for word in remainder.split():
            if word.startswith("-") and len(word) > 1:
                query.excluded += tokenize(word[1:])
            else:
                query.required += [t for t in tokenize(word) if t not in _QUERY_STOP_WORDS]
        return query

    @property
    def is_empty(self) -> bool:
        return not (self.required or self.any_of)


@dataclass(slots=True)
class SearchFilters:
    price_low: float | None = None
    price_high: float | None = None
    price_currency: str | None = None
    condition_ids: set[str] | None = None
    buying_options: set[str] = field(default_factory=lambda: {"FIXED_PRICE"})
    sellers: set[str] | None = None
    excluded_sellers: set[str] = field(default_factory=set)
    item_location_country: str | None = None
    delivery_country: str | None = None
    max_delivery_cost: float | None = None

    @classmethod
    def parse(cls, text: str | None) -> SearchFilters:
        filters = cls()
        for name, value in _split_filter(text or ""):
            if name == "price":
                low, _, high = value.strip("[]").partition("..")
                filters.price_low = _number(low) if low else None
                filters.price_high = _number(high) if high else None
            elif name == "priceCurrency":
                filters.price_currency = value.upper()
            elif name == "conditions":
                filters.condition_ids = set().union(
                    *(_CONDITION_GROUPS.get(option, set()) for option in _set_values(value))
                )
            elif name == "conditionIds":
                filters.condition_ids = _set_values(value)
            elif name == "buyingOptions":
                filters.buying_options = _set_values(value)
            elif name == "sellers":
                filters.sellers = _set_values(value)
            elif name == "excludeSellers":
                filters.excluded_sellers = _set_values(value)
            elif name == "itemLocationCountry":
                filters.item_location_country = value.upper()
            elif name == "deliveryCountry":
                filters.delivery_country = value.upper()
            elif name == "maxDeliveryCost":
                filters.max_delivery_cost = _number(value)
        if (filters.price_low is not None or filters.price_high is not None) and (
            filters.price_currency is None
        ):
            raise SearchError("The 'price' filter must be used with the 'priceCurrency' filter.")
        return filters


def _split_filter(text: str) -> Iterable[tuple[str, str]]:
    """Split on commas that are not inside [..] or {..}."""
    depth, start = 0, 0
    for position, char in enumerate(text + ","):
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        elif char == "," and depth == 0:
            name, _, value = text[start:position].strip().partition(":")
            if name:
                yield name.strip(), value.strip()
            start = position + 1


def _set_values(value: str) -> set[str]:
    return {part.strip() for part in value.strip("{}").split("|") if part.strip()}


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError as error:
        raise SearchError(f"Invalid number in filter: {text!r}.") from error


@dataclass(frozen=True, slots=True)
class Buyer:
    """Who is searching: the site's currency and where they want things delivered."""

    marketplace_id: str
    currency: str
    country: str


class EbaySearch:
    def __init__(self, market: EbayMarket, rates: ExchangeRates) -> None:
        self._market = market
        self._rates = rates
        self._postings: dict[str, array[int]] = {}
        self._gtins: dict[str, array[int]] = {}
        self._epids: dict[str, array[int]] = {}
        self._indexed = 0
        # Warm-up may index from a background thread while a request searches.
        self._lock = threading.Lock()

    def catch_up(self) -> None:
        """Index items listed since the last search (all of them the first time)."""
        with self._lock:
            self._catch_up()

    def _catch_up(self) -> None:
        count = self._market.ordinal_count
        for ordinal in range(self._indexed, count):
            item = self._market.item(ordinal)
            assert item is not None
            for token in set(tokenize(item.title)):
                self._postings.setdefault(token, array("i")).append(ordinal)
            if item.gtin:
                self._gtins.setdefault(item.gtin, array("i")).append(ordinal)
            if item.epid:
                self._epids.setdefault(item.epid, array("i")).append(ordinal)
        self._indexed = count

    def search(
        self,
        query: KeywordQuery,
        *,
        category_id: str | None,
        gtin: str | None,
        epid: str | None,
        filters: SearchFilters,
        sort: str | None,
        buyer: Buyer,
    ) -> list[EbayItem]:
        self.catch_up()
        ordinals = self._candidates(query, gtin, epid)
        items = []
        for ordinal in ordinals:
            if not self._market.is_active(ordinal):
                continue
            item = self._market.item(ordinal)
            assert item is not None
            if self._matches(item, category_id, filters, buyer):
                items.append(item)
        return self._sorted(items, sort, buyer)

    def _candidates(self, query: KeywordQuery, gtin: str | None, epid: str | None) -> list[int]:
        sets: list[set[int]] = []
        if gtin:
            sets.append(set(self._gtins.get(re.sub(r"\D", "", gtin), ())))
        if epid:
            sets.append(set(self._epids.get(epid, ())))
        for token in query.required:
            sets.append(set(self._postings.get(token, ())))
        for options in query.any_of:
            sets.append(set().union(*(self._postings.get(token, ()) for token in options)))
        if not sets:
            candidates: set[int] = set(range(self._market.ordinal_count))
        else:
            sets.sort(key=len)
            candidates = sets[0].intersection(*sets[1:])
        for token in query.excluded:
            candidates -= set(self._postings.get(token, ()))
        return sorted(candidates)

    def _matches(
        self, item: EbayItem, category_id: str | None, filters: SearchFilters, buyer: Buyer
    ) -> bool:
        if category_id and category_id != item.category[0]:
            is_music = item.kind in (KIND_RECORD, KIND_OTHER_FORMAT) or item.category[0] == "176985"
            if not (category_id == _MUSIC_CATEGORY and is_music):
                return False
        if not set(self.buying_options(item)) & filters.buying_options:
            return False
        if filters.condition_ids is not None and item.condition_id not in filters.condition_ids:
            return False
        seller = self._market.seller(item)
        if filters.sellers is not None and seller.ebay_username not in filters.sellers:
            return False
        if seller.ebay_username in filters.excluded_sellers:
            return False
        if filters.item_location_country and seller.country != filters.item_location_country:
            return False
        delivery_country = filters.delivery_country or buyer.country
        if filters.delivery_country or filters.max_delivery_cost is not None:
            shipping = self._market.shipping_cost(item, delivery_country)
            if shipping is None:
                return False
            if filters.max_delivery_cost is not None and (
                item.shipping_calculated or shipping[0] > filters.max_delivery_cost
            ):
                return False
        if filters.price_currency is not None:
            price = self.display_price(item, filters.price_currency)
            if filters.price_low is not None and price < filters.price_low:
                return False
            if filters.price_high is not None and price > filters.price_high:
                return False
        return True

    def buying_options(self, item: EbayItem) -> list[str]:
        if item.is_auction:
            return ["AUCTION"]
        return ["FIXED_PRICE", "BEST_OFFER"] if item.best_offer else ["FIXED_PRICE"]

    def display_price(self, item: EbayItem, currency: str) -> float:
        """What the item costs now (the current bid for auctions), in `currency`."""
        amount = self._market.current_bid(item) if item.is_auction else self._market.price_of(item)
        return round(self._rates.convert(amount, item.currency, currency, self._market.step), 2)

    def _sorted(self, items: list[EbayItem], sort: str | None, buyer: Buyer) -> list[EbayItem]:
        if sort in ("price", "-price"):
            # eBay sorts by price plus shipping; unknown shipping sorts after known.
            direction = -1.0 if sort == "-price" else 1.0

            def total(item: EbayItem) -> tuple[int, float, int]:
                shipping = self._market.shipping_cost(item, buyer.country)
                cost = 0.0
                if shipping is not None and not item.shipping_calculated:
                    cost = self._rates.convert(
                        shipping[0], item.currency, buyer.currency, self._market.step
                    )
                known = 0 if shipping is not None and not item.shipping_calculated else 1
                price = self.display_price(item, buyer.currency) + cost
                return known, direction * price, item.ordinal

            return sorted(items, key=total)
        if sort == "newlyListed":
            return sorted(items, key=lambda item: (item.created, item.ordinal), reverse=True)
        if sort == "endingSoonest":
            return sorted(
                items, key=lambda item: (item.ends is None, item.ends or item.created, item.ordinal)
            )
        # Best Match: a fixed shuffle, with top-rated sellers first, stands in for relevance.
        return sorted(
            items, key=lambda item: (not item.top_rated, (item.ordinal * 2654435761) % 4294967296)
        )
