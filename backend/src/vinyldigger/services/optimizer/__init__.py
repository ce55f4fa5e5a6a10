"""The basket optimizer: which offers to buy, from which sellers, for the least money.

The format of problems and results is described in docs/optimizer.md and `problem.schema.json`.

Public interface (stable):

    solve(problem: Problem, max_sellers: int | None = None) -> Solution
    frontier(problem: Problem, *, knee_fraction: float = 0.002,
             time_limit_s: float | None = None) -> Frontier
    load_problem(data) / load_problem_json(text) / load_problem_file(path) -> Problem

The buyer's choices are part of the problem:

- `Want.required` (default True): the plan must buy every unit. `required=False` makes the want
  optional, and then `Want.value` (per unit) says what covering it is worth, e.g. the user's max
  price delivered or a default value per want. The caller fills in that value.
- `Options.budget`: total (items + shipping) at most this.
- `Options.max_sellers` (or `solve(..., max_sellers=N)`): at most N sellers (orders).
- Minimum grades, skipped wants and listings above a max price are filtered out by the caller
  before solving.

The solver maximises the value of the optional units bought minus the total cost, with every
required unit bought. With a cap or a budget that leaves out optional wants, the result is a
partial plan: `Solution.complete` is False and `Solution.unfilled_wants` names each want left
out with `UnfilledWant.reason` (`excluded_by_cap`, `over_budget`, `above_max_price` when it is
worth less than it would cost delivered, `no_listing` when not enough units are offered). When
required wants cannot all be bought within the cap or the budget, the status is `infeasible`
and `unfilled_wants` names required wants that cannot be covered (with the reason), and
`message` says so in words. The caller adds its own reasons (`no_listing`, `above_max_price`,
`below_grade`) for the wants it filtered out before solving.

`frontier(problem)` is the cost of the whole want list (every want treated as required; budget
and cap ignored) against the number of sellers, from the fewest sellers that can buy it all to
the unconstrained optimum's count. Each `FrontierPoint` carries its plan (`solution`), its
`extra_cost` / `extra_fraction` over the optimum, and `knee`; `Frontier.knee` is the cap of the
knee point: the fewest sellers after which every further seller saves less than `knee_fraction`
of the optimum's total. `time_limit_s` (default `Options.time_limit_s`) bounds the whole
frontier; points not proven optimal in time say so in their status and `gap`. Wants not
enough units are offered of are left out of every point and listed in `Frontier.uncovered`.
"""

from vinyldigger.services.optimizer.frontier import frontier
from vinyldigger.services.optimizer.models import (
    Baseline,
    ChosenOffer,
    Frontier,
    FrontierPoint,
    Offer,
    Options,
    Parcel,
    PlanItem,
    Problem,
    Seller,
    ShippingPolicy,
    Solution,
    Status,
    UnfilledReason,
    UnfilledWant,
    Want,
)
from vinyldigger.services.optimizer.solver import solve
from vinyldigger.services.optimizer.validation import (
    ProblemValidationError,
    load_problem,
    load_problem_file,
    load_problem_json,
    problem_schema,
)

__all__ = [
    "Baseline",
    "ChosenOffer",
    "Frontier",
    "FrontierPoint",
    "Offer",
    "Options",
    "Parcel",
    "PlanItem",
    "Problem",
    "ProblemValidationError",
    "Seller",
    "ShippingPolicy",
    "Solution",
    "Status",
    "UnfilledReason",
    "UnfilledWant",
    "Want",
    "frontier",
    "load_problem",
    "load_problem_file",
    "load_problem_json",
    "problem_schema",
    "solve",
]
