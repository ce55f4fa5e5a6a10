"""A search's price bounds hold in the search's currency, whatever the listing's currency."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.services.test_price_history import offer
from vinyldigger.services.fx import CurrencyConverter
from vinyldigger.services.search_run.filters import passes
from vinyldigger.services.searches import SearchCriteria

BOUNDED = SearchCriteria.model_validate(
    {"keywords": "nico", "platforms": ["ebay"], "currency": "EUR", "price_max": "30.00"}
)
# 1 EUR buys 0.85 GBP: 30 EUR is about 25.50 GBP.
RATES = CurrencyConverter.from_rates({"GBP": Decimal("0.85"), "USD": Decimal("1.10")}, date.today())


def test_a_bound_compares_listings_in_other_currencies_at_the_stored_rate() -> None:
    assert passes(offer("ebay", "A", "25.00", "GBP"), BOUNDED, RATES)
    assert not passes(offer("ebay", "B", "26.00", "GBP"), BOUNDED, RATES)
    assert not passes(offer("ebay", "C", "40.00", "USD"), BOUNDED, RATES)
    assert passes(offer("ebay", "D", "30.00", "EUR"), BOUNDED, RATES)
    assert not passes(offer("ebay", "E", "30.01", "EUR"), BOUNDED, RATES)


def test_without_a_rate_a_listing_is_kept_for_the_next_run_to_judge() -> None:
    assert passes(offer("ebay", "F", "900.00", "JPY"), BOUNDED, RATES)
    assert passes(offer("ebay", "G", "900.00", "GBP"), BOUNDED, None)
