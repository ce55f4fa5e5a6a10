"""`vinyldigger optimize`: JSON on stdout, one-line errors and exit code 2 for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from vinyldigger.cli.optimize import register

PROBLEM: dict[str, Any] = {
    "currency": "EUR",
    "wants": [{"id": "blue-train"}, {"id": "kind-of-blue"}],
    "sellers": [
        {"id": "big-shop", "shipping": {"first_item": 6, "additional_item": 1}},
        {"id": "collector", "shipping": {"first_item": 4, "additional_item": 2}},
    ],
    "offers": [
        {"id": "a", "want_id": "blue-train", "seller_id": "big-shop", "price": "20.00"},
        {"id": "b", "want_id": "kind-of-blue", "seller_id": "big-shop", "price": 18},
        {"id": "c", "want_id": "blue-train", "seller_id": "collector", "price": 17},
        {"id": "d", "want_id": "kind-of-blue", "seller_id": "collector", "price": 21},
    ],
}


# The collector's Kind of Blue gets dear: the mix (17 + 4 + 18 + 6 = 45) now beats the big shop
# alone (21 + 18 + 6 + 1 = 46) and the collector alone (17 + 30 + 4 + 2 = 53).
TWO_SELLERS_BEST = {
    **PROBLEM,
    "offers": [
        {**PROBLEM["offers"][0], "price": 21},
        *PROBLEM["offers"][1:3],
        {**PROBLEM["offers"][3], "price": 30},
    ],
}


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.callback()
    def root() -> None:
        """Keeps `optimize` a named subcommand, as in the real CLI."""

    return app


def _run(tmp_path: Path, problem: object, *args: str) -> Any:
    path = tmp_path / "problem.json"
    path.write_text(problem if isinstance(problem, str) else json.dumps(problem))
    return CliRunner().invoke(_app(), ["optimize", str(path), *args])


def test_prints_the_optimal_plan_as_json(tmp_path: Path) -> None:
    result = _run(tmp_path, PROBLEM)
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["status"] == "optimal"
    # Both at the big shop: 38 + 6 + 1 = 45, against 17 + 21 + 4 + 2 = 44 at the collector...
    # and the mix 17 + 4 + 18 + 6 = 45. The collector alone wins.
    assert plan["total"] == "44.00"
    assert [parcel["seller_id"] for parcel in plan["parcels"]] == ["collector"]
    assert {baseline["name"] for baseline in plan["baselines"]} == {
        "cheapest_each",
        "most_wants_first",
    }


def test_max_sellers_option_overrides_the_file(tmp_path: Path) -> None:
    problem = {**TWO_SELLERS_BEST, "options": {"max_sellers": 2}}
    unconstrained = json.loads(_run(tmp_path, problem).stdout)
    assert (unconstrained["seller_count"], unconstrained["total"]) == (2, "45.00")
    capped = json.loads(_run(tmp_path, problem, "--max-sellers", "1").stdout)
    assert (capped["seller_count"], capped["total"]) == (1, "46.00")


def test_frontier_lists_a_plan_per_seller_cap(tmp_path: Path) -> None:
    result = _run(tmp_path, TWO_SELLERS_BEST, "--frontier")
    assert result.exit_code == 0, result.stderr
    output = json.loads(result.stdout)
    points = [(p["max_sellers"], p["solution"]["total"]) for p in output["points"]]
    assert points == [(1, "46.00"), (2, "45.00")]


def test_a_capped_plan_with_optional_wants_is_partial(tmp_path: Path) -> None:
    problem = {
        **TWO_SELLERS_BEST,
        "wants": [{"id": "blue-train", "required": False, "value": 30}, {"id": "kind-of-blue"}],
    }
    result = _run(tmp_path, problem, "--max-sellers", "1")
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.stdout)
    # The big shop has Kind of Blue at 18 + 6; adding Blue Train there (21 + 1) is worth 30.
    assert plan["status"] == "optimal"
    assert plan["complete"] is True
    tight = {
        **problem,
        "wants": [{"id": "blue-train", "required": False, "value": 20}, problem["wants"][1]],
    }
    plan = json.loads(_run(tmp_path, tight, "--max-sellers", "1").stdout)
    assert plan["complete"] is False
    assert plan["unfilled_wants"] == [
        {"want_id": "blue-train", "missing": 1, "required": False, "reason": "above_max_price"}
    ]


@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        (
            {**PROBLEM, "offers": [{**PROBLEM["offers"][0], "price": -1}]},
            "offers[0].price: must be >= 0",
        ),
        ({**PROBLEM, "wants": []}, "wants: must have at least 1 item(s)"),
        (
            {**PROBLEM, "offers": [{**PROBLEM["offers"][0], "seller_id": "nobody"}]},
            "offers[0].seller_id: no seller has id 'nobody'",
        ),
        ("{not json", "not valid JSON"),
    ],
)
def test_invalid_input_exits_2_with_one_line(
    tmp_path: Path, problem: object, expected: str
) -> None:
    result = _run(tmp_path, problem)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert expected in result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_unreadable_file_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(_app(), ["optimize", str(tmp_path / "missing.json")])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: invalid problem: cannot read")
    assert result.stderr.count("\n") == 1


def test_bad_max_sellers_exits_2(tmp_path: Path) -> None:
    result = _run(tmp_path, PROBLEM, "--max-sellers", "0")
    assert result.exit_code == 2
    assert result.stderr == "error: --max-sellers: must be >= 1\n"


@pytest.mark.parametrize(
    ("problem", "field"),
    [
        (
            {**PROBLEM, "wants": [{"id": "blue-train", "quantity": 10**12}, PROBLEM["wants"][1]]},
            "wants[0].quantity",
        ),
        (
            {
                **PROBLEM,
                "offers": [{**PROBLEM["offers"][0], "price": 1e308}, *PROBLEM["offers"][1:]],
            },
            "offers[0].price",
        ),
    ],
)
def test_absurd_numbers_exit_2_at_once(tmp_path: Path, problem: Any, field: str) -> None:
    result = _run(tmp_path, problem)
    assert result.exit_code == 2
    assert result.output.startswith(f"error: invalid problem: {field}:")
    assert "Traceback" not in result.output


def test_deeply_nested_json_exits_2_without_a_traceback(tmp_path: Path) -> None:
    result = _run(tmp_path, "[" * 100_000 + "]" * 100_000)
    assert result.exit_code == 2
    assert "nested too deeply" in result.output


# Loading any of these takes longer than the whole solve of a small problem.
WEB_APP_MODULES = ("fastapi", "sqlalchemy", "pydantic_settings", "vinyldigger.core.config", "rich")


@pytest.mark.parametrize("args", [["--help"], ["optimize", "{problem}"]])
def test_cli_path_loads_nothing_of_the_web_app(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "problem.json"
    path.write_text(json.dumps(PROBLEM))
    argv = [arg.format(problem=path) for arg in args]
    script = (
        "import json, sys\n"
        "from vinyldigger.cli import app\n"
        f"try:\n    app({argv!r})\nexcept SystemExit as exit:\n    code = exit.code\n"
        "sys.stdout.flush()\n"
        "print(json.dumps({'code': code, 'modules': sorted(sys.modules)}), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["code"] in (0, None), done.stderr
    loaded = [
        name
        for name in report["modules"]
        if any(name == module or name.startswith(module + ".") for module in WEB_APP_MODULES)
    ]
    assert loaded == []
