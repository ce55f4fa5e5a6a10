"""Reading a problem: JSON Schema validation, then referential integrity, then typed DTOs.

Every rejection is a `ProblemValidationError` naming the offending field the way a user would
write it (`offers[3].price`), so the CLI can print it on one line and the API can map it to 422.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError as PydanticValidationError

from vinyldigger.services.optimizer.models import Problem

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError

_TYPE_NAMES = {
    "object": "an object",
    "array": "a list",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
}


class ProblemValidationError(ValueError):
    """The problem is not valid; `field` is a path such as `offers[3].price` ('' for the root)."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}" if field else message)


@cache
def problem_schema() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("problem.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator() -> Draft202012Validator:
    # Only input the models reject reaches the schema validator, so it is loaded only then.
    from jsonschema import Draft202012Validator

    return Draft202012Validator(problem_schema())


def load_problem_file(path: Path) -> Problem:
    """Read and validate a problem file; unreadable files and bad JSON are validation errors too."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProblemValidationError("", f"cannot read {path}: {exc}") from exc
    return load_problem_json(text)


def load_problem_json(text: str) -> Problem:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProblemValidationError(
            "", f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from exc
    except RecursionError:
        raise ProblemValidationError("", "not a valid problem: nested too deeply") from None
    return load_problem(data)


def load_problem(data: object) -> Problem:
    """Validate already-parsed JSON against the schema and the cross references, then type it.

    The typed models check exactly what the schema checks (a test holds them to it) and are far
    quicker on big problems, so they go first; the schema validator only runs on input they
    reject, to name the first offending field in the schema's terms.
    """
    try:
        problem = Problem.model_validate(data)
    except PydanticValidationError as exc:
        errors = list(_validator().iter_errors(data))
        if errors:
            first = min(errors, key=lambda error: _path_sort_key(error.absolute_path))
            raise _translate(first) from None
        detail = exc.errors()[0]
        raise ProblemValidationError(
            _field_name(part for part in detail["loc"] if isinstance(part, str | int)),
            detail["msg"].removeprefix("Value error, "),
        ) from None
    _check_references(problem)
    return problem


def _path_sort_key(path: Iterable[str | int]) -> tuple[tuple[int, int, str], ...]:
    return tuple((0, part, "") if isinstance(part, int) else (1, 0, part) for part in path)


def _field_name(path: Iterable[str | int]) -> str:
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name


def _translate(error: ValidationError) -> ProblemValidationError:
    path = list(error.absolute_path)
    instance: Any = error.instance
    schema: Any = error.schema
    expected: Any = error.validator_value
    kind = error.validator
    if kind == "required":
        missing = next(name for name in expected if name not in instance)
        return ProblemValidationError(_field_name([*path, missing]), "is required")
    if kind == "additionalProperties":
        allowed = set(schema.get("properties", {}))
        extra = sorted(key for key in instance if key not in allowed)[0]
        return ProblemValidationError(_field_name([*path, extra]), "is not a known field")
    field = _field_name(path)
    if kind == "anyOf":
        # Only amounts use anyOf: explain the rule rather than list the alternatives.
        if isinstance(instance, int | float) and not isinstance(instance, bool) and instance < 0:
            return ProblemValidationError(field, "must be >= 0")
        if isinstance(instance, int | float) and not isinstance(instance, bool):
            return ProblemValidationError(field, "must be < 1000000000")
        return ProblemValidationError(
            field, 'must be a non-negative amount: a number or a decimal string like "12.50"'
        )
    messages: dict[str, Callable[[], str]] = {
        "type": lambda: f"must be {_type_name(error.validator_value)}",
        "minimum": lambda: f"must be >= {error.validator_value}",
        "maximum": lambda: f"must be <= {error.validator_value}",
        "exclusiveMinimum": lambda: f"must be > {error.validator_value}",
        "minItems": lambda: f"must have at least {error.validator_value} item(s)",
        "minLength": lambda: "must not be empty",
        "pattern": lambda: f"must match {error.validator_value}",
    }
    explain = messages.get(str(kind))
    return ProblemValidationError(field, explain() if explain else error.message)


def _type_name(expected: object) -> str:
    # ["integer", "null"] marks an optional field: name the type that is meant.
    first = expected[0] if isinstance(expected, list) else expected
    return _TYPE_NAMES.get(str(first), "valid")


def _check_references(problem: Problem) -> None:
    want_ids = _unique_ids([want.id for want in problem.wants], "wants")
    seller_ids = _unique_ids([seller.id for seller in problem.sellers], "sellers")
    _unique_ids([offer.id for offer in problem.offers], "offers")
    for index, offer in enumerate(problem.offers):
        if offer.want_id not in want_ids:
            raise ProblemValidationError(
                f"offers[{index}].want_id", f"no want has id {offer.want_id!r}"
            )
        if offer.seller_id not in seller_ids:
            raise ProblemValidationError(
                f"offers[{index}].seller_id", f"no seller has id {offer.seller_id!r}"
            )


def _unique_ids(ids: list[str], section: str) -> set[str]:
    seen: set[str] = set()
    for index, entry_id in enumerate(ids):
        if entry_id in seen:
            raise ProblemValidationError(f"{section}[{index}].id", f"duplicate id {entry_id!r}")
        seen.add(entry_id)
    return seen
