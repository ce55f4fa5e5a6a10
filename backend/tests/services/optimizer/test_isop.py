"""Instances of the Internet Shopping Optimization Problem (ISOP), solved through the CLI.

In the ISOP every product must be bought and a shop charges its delivery cost once if anything is
bought there. In the optimizer's format that is a seller whose first item costs the delivery and
whose further items ship free. Each instance file records its optimum; the test proves it again by
trying every set of shops, then checks the CLI reaches it.
"""

from __future__ import annotations

import itertools
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from vinyldigger.cli.optimize import register

DATA = Path(__file__).parent / "data"
INSTANCES = sorted(DATA.glob("isop-*.json"))


def _optimum_by_brute_force(instance: dict[str, Any]) -> Decimal:
    best: Decimal | None = None
    shops = instance["shops"]
    for size in range(1, len(shops) + 1):
        for chosen in itertools.combinations(shops, size):
            total = sum((Decimal(shop["delivery"]) for shop in chosen), Decimal(0))
            for product in instance["products"]:
                prices = [Decimal(s["prices"][product]) for s in chosen if product in s["prices"]]
                if not prices:
                    break
                total += min(prices)
            else:
                best = total if best is None else min(best, total)
    assert best is not None
    return best


def _as_problem(instance: dict[str, Any]) -> dict[str, Any]:
    return {
        "currency": "EUR",
        "wants": [{"id": product} for product in instance["products"]],
        "sellers": [
            {"id": shop["id"], "shipping": {"first_item": shop["delivery"], "additional_item": 0}}
            for shop in instance["shops"]
        ],
        "offers": [
            {
                "id": f"{shop['id']}:{product}",
                "want_id": product,
                "seller_id": shop["id"],
                "price": price,
            }
            for shop in instance["shops"]
            for product, price in shop["prices"].items()
        ],
    }


def test_there_are_isop_instances() -> None:
    assert len(INSTANCES) >= 3


@pytest.mark.parametrize("path", INSTANCES, ids=lambda path: path.stem)
def test_cli_reaches_the_known_optimum(path: Path, tmp_path: Path) -> None:
    instance = json.loads(path.read_text())
    optimum = _optimum_by_brute_force(instance)
    assert optimum == Decimal(instance["optimum"]), "the recorded optimum is wrong"
    problem_file = tmp_path / "problem.json"
    problem_file.write_text(json.dumps(_as_problem(instance)))
    app = typer.Typer()
    register(app)

    @app.callback()
    def root() -> None:
        """Keeps `optimize` a named subcommand."""

    result = CliRunner().invoke(app, ["optimize", str(problem_file)])
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["status"] == "optimal"
    assert Decimal(plan["total"]) == optimum
    # The plan itself adds up: items at their prices plus each used shop's delivery once.
    deliveries = {shop["id"]: Decimal(shop["delivery"]) for shop in instance["shops"]}
    recomputed = sum(
        (
            Decimal(parcel["items_total"]) + deliveries[parcel["seller_id"]]
            for parcel in plan["parcels"]
        ),
        Decimal(0),
    )
    assert recomputed == optimum
    bought = sorted(item["want_id"] for parcel in plan["parcels"] for item in parcel["items"])
    assert bought == sorted(instance["products"])
