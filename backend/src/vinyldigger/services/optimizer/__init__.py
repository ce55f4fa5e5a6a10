"""The basket optimizer: which offers to buy, from which sellers, for the least money.

The format of problems and results is described in docs/optimizer.md and `problem.schema.json`.
"""

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
    UnfilledWant,
    Want,
)
from vinyldigger.services.optimizer.solver import frontier, solve
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
    "UnfilledWant",
    "Want",
    "frontier",
    "load_problem",
    "load_problem_file",
    "load_problem_json",
    "problem_schema",
    "solve",
]
