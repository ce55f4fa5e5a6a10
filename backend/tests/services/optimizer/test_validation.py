"""Rejecting bad problems with the field named, and the typed models agreeing with the schema."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from vinyldigger.services.optimizer import ProblemValidationError, load_problem, problem_schema

from .random_problems import random_problem

VALID: dict[str, Any] = {
    "currency": "GBP",
    "wants": [{"id": "w1", "quantity": 2}, {"id": "w2", "required": False, "value": "15.00"}],
    "sellers": [
        {
            "id": "s1",
            "shipping": {
                "first_item": 4,
                "additional_item": "1.50",
                "free_over": 60,
                "max_items_per_parcel": 5,
            },
            "min_order_total": 10,
        }
    ],
    "offers": [
        {"id": "o1", "want_id": "w1", "seller_id": "s1", "price": 12, "quantity": 3},
        {"id": "o2", "want_id": "w2", "seller_id": "s1", "price": "9.99"},
        {"id": "o3", "want_id": "w2", "seller_id": "s1", "price": 8},
        {"id": "o4", "want_id": "w1", "seller_id": "s1", "price": 11},
    ],
    "options": {"max_sellers": 3, "budget": 200, "time_limit_s": 5},
}


def _with(path: str, value: Any) -> dict[str, Any]:
    """VALID with one field set (or removed, for value ...) by a dotted path like offers.3.price."""
    problem = copy.deepcopy(VALID)
    *parents, last = [int(part) if part.isdigit() else part for part in path.split(".")]
    node: Any = problem
    for part in parents:
        node = node[part]
    if value is ...:
        del node[last]
    else:
        node[last] = value
    return problem


def test_valid_problem_loads_with_defaults() -> None:
    problem = load_problem(VALID)
    assert problem.currency == "GBP"
    assert problem.wants[0].required is True
    assert problem.offers[1].quantity == 1
    assert str(problem.offers[1].price) == "9.99"
    assert problem.options.time_limit_s == 5


@pytest.mark.parametrize(
    ("path", "value", "field", "message"),
    [
        ("offers.3.price", -1, "offers[3].price", "must be >= 0"),
        ("offers.3.price", "12,50", "offers[3].price", "must be a non-negative amount"),
        ("offers.0.quantity", 0, "offers[0].quantity", "must be >= 1"),
        ("offers.0.quantity", "2", "offers[0].quantity", "must be an integer"),
        ("wants.0.id", ..., "wants[0].id", "is required"),
        ("wants.1.value", ..., "wants[1].value", "is required"),
        ("wants.0.required", "yes", "wants[0].required", "must be true or false"),
        ("sellers.0.shipping.colour", "red", "sellers[0].shipping.colour", "is not a known field"),
        ("sellers.0.shipping.first_item", ..., "sellers[0].shipping.first_item", "is required"),
        ("sellers.0.min_order_total", -5, "sellers[0].min_order_total", "must be >= 0"),
        ("options.time_limit_s", 0, "options.time_limit_s", "must be > 0"),
        ("options.max_sellers", 0, "options.max_sellers", "must be >= 1"),
        ("offers.0.quantity", 10**12, "offers[0].quantity", "must be <= 1000"),
        ("wants.0.quantity", 1001, "wants[0].quantity", "must be <= 1000"),
        ("offers.3.price", 1e308, "offers[3].price", "must be < 1000000000"),
        ("offers.3.price", "1000000000", "offers[3].price", "must be a non-negative amount"),
        ("options.time_limit_s", 1e9, "options.time_limit_s", "must be <= 3600"),
        ("currency", "euro", "currency", "must match"),
        ("wants", [], "wants", "must have at least 1 item(s)"),
        ("offers.2.want_id", "w9", "offers[2].want_id", "no want has id 'w9'"),
        ("offers.2.seller_id", "s9", "offers[2].seller_id", "no seller has id 's9'"),
        ("offers.3.id", "o1", "offers[3].id", "duplicate id 'o1'"),
        ("wants.1.id", "w1", "wants[1].id", "duplicate id 'w1'"),
    ],
)
def test_errors_name_the_field(path: str, value: Any, field: str, message: str) -> None:
    with pytest.raises(ProblemValidationError) as caught:
        load_problem(_with(path, value))
    assert caught.value.field == field
    assert caught.value.message.startswith(message)
    assert str(caught.value) == f"{field}: {caught.value.message}"


def test_the_first_offending_field_is_reported() -> None:
    problem = _with("offers.3.price", -1)
    problem["offers"][1]["price"] = -2
    with pytest.raises(ProblemValidationError) as caught:
        load_problem(problem)
    assert caught.value.field == "offers[1].price"


def test_root_must_be_an_object() -> None:
    with pytest.raises(ProblemValidationError) as caught:
        load_problem([1, 2])
    assert (caught.value.field, caught.value.message) == ("", "must be an object")


def _mutations() -> list[dict[str, Any]]:
    """Valid problems and small corruptions of them, valid or not."""
    odd_values: list[Any] = [
        *(-1, 0, 1, 2.5, "3", "3.50", "-3", "", None, True, [], {}, "x"),
        *(1000, 1001, 10**12, 1e308, 999999999.99, "999999999.99", "1000000000", 3600, 3601),
    ]
    problems: list[dict[str, Any]] = []
    for seed in range(3):
        base = random_problem(seed)
        problems.append(base)
        for path in _leaf_paths(base):
            for value in odd_values:
                problem = copy.deepcopy(base)
                node: Any = problem
                for part in path[:-1]:
                    node = node[part]
                node[path[-1]] = value
                problems.append(problem)
    return problems


def _leaf_paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [p for key, value in node.items() for p in _leaf_paths(value, (*prefix, key))]
    if isinstance(node, list):
        return [p for index, value in enumerate(node) for p in _leaf_paths(value, (*prefix, index))]
    return [prefix]


def test_typed_models_accept_exactly_what_the_schema_accepts() -> None:
    validator = Draft202012Validator(problem_schema())
    checked = 0
    for problem in _mutations():
        try:
            load_problem(problem)
            loaded = True
        except ProblemValidationError as exc:
            loaded = False
            # Rejections the schema cannot see are the cross references only.
            if validator.is_valid(problem):
                assert "id" in exc.field, exc
        if loaded:
            assert validator.is_valid(problem), problem
        checked += 1
    assert checked > 1000
