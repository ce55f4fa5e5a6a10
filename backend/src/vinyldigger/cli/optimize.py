"""`vinyldigger optimize PROBLEM.json`: run the basket optimizer on a problem file.

Prints the result as JSON on stdout (the format is in docs/optimizer.md). Invalid or unreadable
input is one line on stderr and exit code 2, the same rejection the API turns into a 422.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer

EXIT_INVALID_INPUT = 2
EXIT_FAILED = 1


def optimize(
    problem_file: Annotated[
        Path, typer.Argument(metavar="PROBLEM.json", help="Problem in the optimizer's JSON format.")
    ],
    max_sellers: Annotated[
        int | None,
        typer.Option(
            "--max-sellers", help="Buy from at most this many sellers (overrides the file)."
        ),
    ] = None,
    with_frontier: Annotated[
        bool,
        typer.Option(
            "--frontier",
            help="Also the cheapest plan for every seller cap from the fewest possible sellers "
            "up to the optimum's.",
        ),
    ] = False,
) -> None:
    """Find the cheapest way to buy the wanted records, shipping included."""
    if max_sellers is not None and max_sellers < 1:
        _fail("--max-sellers: must be >= 1", EXIT_INVALID_INPUT)
    if max_sellers is not None and with_frontier:
        _fail("--max-sellers and --frontier cannot be combined", EXIT_INVALID_INPUT)
    # The solver (HiGHS, numpy) is imported only when a problem is solved; nothing of the web app
    # is imported on this path.
    from vinyldigger.services.optimizer import (
        ProblemValidationError,
        frontier,
        load_problem_file,
        solve,
    )

    try:
        problem = load_problem_file(problem_file)
    except ProblemValidationError as exc:
        _fail(f"invalid problem: {exc}", EXIT_INVALID_INPUT)
    try:
        result = frontier(problem) if with_frontier else solve(problem, max_sellers=max_sellers)
    except Exception as exc:
        _fail(f"optimizer failed: {type(exc).__name__}: {exc}", EXIT_FAILED)
    typer.echo(result.model_dump_json(indent=2))


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    app.command("optimize")(optimize)
