"""Each rule of the problem on a problem small enough to work out by hand."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from vinyldigger.services.optimizer import Solution, Status, load_problem, solve


def _seller(seller_id: str, first: Any, additional: Any = 0, **extra: Any) -> dict[str, Any]:
    shipping = {"first_item": first, "additional_item": additional}
    for key in ("free_over", "max_items_per_parcel"):
        if key in extra:
            shipping[key] = extra.pop(key)
    return {"id": seller_id, "shipping": shipping, **extra}


def _offer(offer_id: str, want: str, seller: str, price: Any, **extra: Any) -> dict[str, Any]:
    return {"id": offer_id, "want_id": want, "seller_id": seller, "price": price, **extra}


def _solve(wants: list[Any], sellers: list[Any], offers: list[Any], **options: Any) -> Solution:
    problem: dict[str, Any] = {"wants": wants, "sellers": sellers, "offers": offers}
    if options:
        problem["options"] = options
    return solve(load_problem(problem))


def _bought(solution: Solution) -> dict[str, int]:
    return {choice.offer_id: choice.quantity for choice in solution.chosen_offers}


def test_first_and_additional_item_shipping() -> None:
    solution = _solve(
        [{"id": "a"}, {"id": "b"}, {"id": "c"}],
        [_seller("s", 5, "1.50")],
        [_offer("1", "a", "s", 10), _offer("2", "b", "s", 10), _offer("3", "c", "s", 10)],
    )
    assert solution.shipping_total == Decimal("8.00")
    assert solution.total == Decimal("38.00")
    assert solution.parcels[0].parcel_count == 1


def test_consolidating_beats_cheapest_prices() -> None:
    # Cheapest prices are split over two sellers (9 + 5 and 9 + 5 = 28); one seller is 10 + 10 + 6.
    solution = _solve(
        [{"id": "a"}, {"id": "b"}],
        [_seller("x", 5), _seller("y", 5), _seller("both", 6)],
        [
            _offer("xa", "a", "x", 9),
            _offer("yb", "b", "y", 9),
            _offer("ba", "a", "both", 10),
            _offer("bb", "b", "both", 10),
        ],
    )
    assert solution.total == Decimal("26.00")
    assert _bought(solution) == {"ba": 1, "bb": 1}
    cheapest_each = next(b for b in solution.baselines if b.name == "cheapest_each")
    assert cheapest_each.total == Decimal("28.00")
    assert cheapest_each.savings == Decimal("2.00")


def test_free_shipping_can_make_the_dearer_copy_the_right_one() -> None:
    # 12 + 11 + 10 shipping = 33, but the 19 copy reaches the 30 threshold: 30, shipped free.
    solution = _solve(
        [{"id": "a"}, {"id": "b"}],
        [_seller("s", 10, free_over=30)],
        [_offer("cheap", "a", "s", 12), _offer("dear", "a", "s", 19), _offer("b", "b", "s", 11)],
    )
    assert _bought(solution) == {"dear": 1, "b": 1}
    assert solution.total == Decimal("30.00")
    assert solution.parcels[0].free_shipping


def test_parcel_size_limit_charges_each_further_parcel() -> None:
    wants = [{"id": "a", "quantity": 5}]
    solution = _solve(
        wants,
        [_seller("s", 5, 1, max_items_per_parcel=2)],
        [_offer("o", "a", "s", 10, quantity=5)],
    )
    # Parcels of 2, 2 and 1: 3 * 5 + 2 * 1.
    assert solution.parcels[0].parcel_count == 3
    assert solution.shipping_total == Decimal("17.00")


def test_minimum_order_must_be_reached() -> None:
    # The shop is cheapest but only sells orders of 25 or more: 10 alone is not allowed.
    sellers = [_seller("shop", 2, min_order_total=25), _seller("other", 4)]
    offers = [_offer("s", "a", "shop", 10), _offer("o", "a", "other", 11)]
    solution = _solve([{"id": "a"}], sellers, offers)
    assert _bought(solution) == {"o": 1}
    # With a second record there, the order reaches 25 and the shop wins.
    offers += [_offer("s2", "b", "shop", 15), _offer("o2", "b", "other", 16)]
    solution = _solve([{"id": "a"}, {"id": "b"}], sellers, offers)
    assert _bought(solution) == {"s": 1, "s2": 1}


def test_optional_wants_are_bought_only_when_worth_it() -> None:
    wants = [
        {"id": "must"},
        {"id": "worth", "required": False, "value": 12},
        {"id": "not-worth", "required": False, "value": 9},
    ]
    solution = _solve(
        wants,
        [_seller("s", 5, 1)],
        [
            _offer("m", "must", "s", 20),
            _offer("w", "worth", "s", 10),
            _offer("n", "not-worth", "s", 9),
        ],
    )
    # "worth" adds 10 + 1 for a value of 12; "not-worth" adds 9 + 1 for 9.
    assert _bought(solution) == {"m": 1, "w": 1}
    assert solution.value_total == Decimal("12.00")
    assert [(u.want_id, u.missing, u.required) for u in solution.unfilled_wants] == [
        ("not-worth", 1, False)
    ]


def test_budget_limits_optional_wants_and_can_make_required_ones_impossible() -> None:
    wants = [
        {"id": "must"},
        {"id": "nice", "required": False, "value": 30},
        {"id": "nicer", "required": False, "value": 50},
    ]
    sellers = [_seller("s", 5, 0)]
    offers = [
        _offer("m", "must", "s", 20),
        _offer("a", "nice", "s", 15),
        _offer("b", "nicer", "s", 25),
    ]
    # Unlimited: everything (60 + 5). With 51 to spend: must + nicer (50 with shipping) only.
    assert _solve(wants, sellers, offers).total == Decimal("65.00")
    limited = _solve(wants, sellers, offers, budget=51)
    assert _bought(limited) == {"m": 1, "b": 1}
    assert limited.total == Decimal("50.00")
    impossible = _solve(wants, sellers, offers, budget=24)
    assert impossible.status is Status.INFEASIBLE
    assert impossible.message is not None and "budget" in impossible.message


def test_max_sellers_forces_fewer_parcels_at_a_price() -> None:
    wants = [{"id": "a"}, {"id": "b"}]
    sellers = [_seller("x", 3), _seller("y", 3)]
    offers = [
        _offer("xa", "a", "x", 10),
        _offer("xb", "b", "x", 20),
        _offer("ya", "a", "y", 20),
        _offer("yb", "b", "y", 10),
    ]
    assert _solve(wants, sellers, offers).total == Decimal("26.00")
    capped = _solve(wants, sellers, offers, max_sellers=1)
    assert capped.seller_count == 1
    assert capped.total == Decimal("33.00")


def test_quantities_split_over_offers_and_sellers() -> None:
    solution = _solve(
        [{"id": "a", "quantity": 3}],
        [_seller("x", 2, 1), _seller("y", 2, 1)],
        [_offer("x1", "a", "x", 10, quantity=2), _offer("y1", "a", "y", 11, quantity=5)],
    )
    assert _bought(solution) == {"x1": 2, "y1": 1}
    assert solution.total == Decimal("36.00")


def test_uncoverable_want_is_reported() -> None:
    solution = _solve(
        [{"id": "a", "quantity": 2}, {"id": "b"}, {"id": "c", "required": False, "value": 5}],
        [_seller("s", 1)],
        [_offer("1", "a", "s", 5), _offer("2", "b", "s", 5)],
    )
    assert solution.status is Status.INFEASIBLE
    assert [(u.want_id, u.missing) for u in solution.unfilled_wants] == [("a", 1)]
    assert solution.parcels == ()


def test_seller_charging_more_for_further_items() -> None:
    # first 1, additional 6: two items cost 7 to ship there, 2 when split over two sellers.
    solution = _solve(
        [{"id": "a"}, {"id": "b"}],
        [_seller("odd", 1, 6), _seller("plain", 1)],
        [
            _offer("oa", "a", "odd", 10),
            _offer("ob", "b", "odd", 10),
            _offer("pb", "b", "plain", 11),
        ],
    )
    assert _bought(solution) == {"oa": 1, "pb": 1}
    assert solution.total == Decimal("23.00")


def test_amounts_are_rounded_to_cents_and_written_as_strings() -> None:
    solution = _solve([{"id": "a"}], [_seller("s", "0.995")], [_offer("o", "a", "s", "10.005")])
    assert solution.total == Decimal("11.01")
    payload = solution.model_dump(mode="json")
    assert payload["total"] == "11.01"
    assert payload["parcels"][0]["items"][0]["unit_price"] == "10.01"


def test_most_wants_first_baseline_follows_the_seller_grouping_habit() -> None:
    # "big" holds both records but dearly; the optimum splits them.
    solution = _solve(
        [{"id": "a"}, {"id": "b"}],
        [_seller("big", 5, 1), _seller("x", 2), _seller("y", 2)],
        [
            _offer("ba", "a", "big", 30),
            _offer("bb", "b", "big", 30),
            _offer("xa", "a", "x", 10),
            _offer("yb", "b", "y", 10),
        ],
    )
    assert solution.total == Decimal("24.00")
    grouping = next(b for b in solution.baselines if b.name == "most_wants_first")
    assert grouping.total == Decimal("66.00")
    assert grouping.seller_count == 1
    assert grouping.savings == Decimal("42.00")
    assert abs(grouping.savings_fraction - 42 / 66) < 1e-6
