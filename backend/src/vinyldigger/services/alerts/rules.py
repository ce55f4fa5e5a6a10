"""A user's alert rules and preferences: validated, owned, and chosen for each event."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.errors import not_found, validation
from vinyldigger.models import AlertPreferences, AlertRule, SavedSearch
from vinyldigger.services.alerts.kinds import Channel, EventKind, Timing
from vinyldigger.services.alerts.timing import Quiet, is_time_zone
from vinyldigger.services.fx import insert_for
from vinyldigger.services.marketplaces.grades import Grade
from vinyldigger.services.searches import Money as Amount

Hour = Annotated[int, Field(ge=0, le=23)]
PERCENT_TEXT = r"^(\d{1,2}(\.\d+)?|100(\.0+)?)$"


def _plain_percent_text(value: object) -> object:
    if isinstance(value, str) and not re.fullmatch(PERCENT_TEXT, value):
        raise ValueError("must be a percentage in plain decimal notation, e.g. 12.5")
    return value


# Like amounts, kept to two decimals: more are rounded, not refused.
Percent = Annotated[
    Decimal,
    BeforeValidator(_plain_percent_text),
    Field(ge=0, le=100),
    AfterValidator(lambda value: value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 100},
                {"type": "string", "pattern": PERCENT_TEXT},
            ]
        },
        mode="validation",
    ),
]
Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


class RuleInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    # None: a rule for every search (and for the basket and bundle events).
    search_id: Annotated[int, Field(ge=1, le=2**31 - 1)] | None = None
    is_active: bool = True
    events: list[EventKind] = Field(min_length=1, max_length=len(EventKind))
    channels: list[Channel] = Field(min_length=1, max_length=len(Channel))
    timing: Timing = Timing.INSTANT
    max_price: Amount | None = None
    min_media_grade: Grade | None = None
    ships_from: list[Country] = Field(default_factory=list, max_length=50)
    any_pressing: bool = False
    price_drop_percent: Percent = Decimal("10")
    bundle_min_wants: int = Field(default=3, ge=2, le=100)
    basket_drop_amount: Amount | None = None
    basket_drop_percent: Percent | None = None

    @model_validator(mode="after")
    def _distinct(self) -> Self:
        self.events = list(dict.fromkeys(self.events))
        self.channels = list(dict.fromkeys(self.channels))
        return self


class PreferencesInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    time_zone: Annotated[str, StringConstraints(min_length=1, max_length=64)] = "UTC"
    quiet_start_hour: Hour | None = None
    quiet_end_hour: Hour | None = None
    daily_digest_hour: Hour = 8
    hourly_cap: int | None = Field(default=None, ge=1, le=1000)

    @model_validator(mode="after")
    def _valid(self) -> Self:
        if not is_time_zone(self.time_zone):
            raise ValueError("time_zone: is not a known IANA time zone")
        if (self.quiet_start_hour is None) != (self.quiet_end_hour is None):
            raise ValueError("quiet_end_hour: set both ends of the quiet hours, or neither")
        return self


async def preferences(session: AsyncSession, user_id: int) -> AlertPreferences:
    """The user's preferences, created with the defaults on first use."""
    row = await session.get(AlertPreferences, user_id)
    if row is None:
        # A search run and a basket plan of one user may both get here first.
        await session.execute(
            insert_for(session)(AlertPreferences)
            .values(user_id=user_id, time_zone="UTC", daily_digest_hour=8)
            .on_conflict_do_nothing(index_elements=["user_id"])
        )
        row = await session.get(AlertPreferences, user_id)
        assert row is not None
    return row


async def update_preferences(
    session: AsyncSession, user_id: int, data: PreferencesInput
) -> AlertPreferences:
    row = await preferences(session, user_id)
    for name, value in data.model_dump().items():
        setattr(row, name, value)
    await session.flush()
    return row


def quiet_of(row: AlertPreferences) -> Quiet:
    return Quiet(row.time_zone, row.quiet_start_hour, row.quiet_end_hour, row.daily_digest_hour)


async def _check_search(session: AsyncSession, user_id: int, search_id: int | None) -> None:
    if search_id is None:
        return
    owner = await session.scalar(select(SavedSearch.user_id).where(SavedSearch.id == search_id))
    if owner != user_id:
        raise validation("search_id", "no such saved search")


def _apply(rule: AlertRule, data: RuleInput) -> None:
    rule.name, rule.search_id, rule.is_active = data.name, data.search_id, data.is_active
    rule.events = [kind.value for kind in data.events]
    rule.channels = [channel.value for channel in data.channels]
    rule.timing = data.timing.value
    rule.max_price, rule.any_pressing = data.max_price, data.any_pressing
    rule.min_media_grade = data.min_media_grade.value if data.min_media_grade else None
    rule.ships_from = list(data.ships_from)
    rule.price_drop_percent, rule.bundle_min_wants = data.price_drop_percent, data.bundle_min_wants
    rule.basket_drop_amount = data.basket_drop_amount
    rule.basket_drop_percent = data.basket_drop_percent


async def create_rule(session: AsyncSession, user_id: int, data: RuleInput) -> AlertRule:
    await _check_search(session, user_id, data.search_id)
    rule = AlertRule(user_id=user_id)
    _apply(rule, data)
    session.add(rule)
    await session.flush()
    await session.refresh(rule)
    return rule


async def get_rule(session: AsyncSession, user_id: int, rule_id: int) -> AlertRule:
    rule = await session.scalar(
        select(AlertRule).where(AlertRule.id == rule_id, AlertRule.user_id == user_id)
    )
    if rule is None:
        raise not_found("Alert rule")
    return rule


async def update_rule(
    session: AsyncSession, user_id: int, rule_id: int, data: RuleInput
) -> AlertRule:
    rule = await get_rule(session, user_id, rule_id)
    await _check_search(session, user_id, data.search_id)
    _apply(rule, data)
    await session.flush()
    await session.refresh(rule)
    return rule


async def delete_rule(session: AsyncSession, user_id: int, rule_id: int) -> None:
    await session.delete(await get_rule(session, user_id, rule_id))
    await session.flush()


async def list_rules(
    session: AsyncSession, user_id: int, *, offset: int, limit: int
) -> tuple[list[AlertRule], int]:
    query = select(AlertRule).where(AlertRule.user_id == user_id)
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.scalars(query.order_by(AlertRule.id).offset(offset).limit(limit))
    return list(rows), total


async def active_rules(session: AsyncSession, user_id: int) -> list[AlertRule]:
    return list(
        await session.scalars(
            select(AlertRule)
            .where(AlertRule.user_id == user_id, AlertRule.is_active.is_(True))
            .order_by(AlertRule.id)
        )
    )


def rules_for(
    rules: Sequence[AlertRule], kind: EventKind, search_id: int | None
) -> list[AlertRule]:
    """The rules that decide about an event: the search's own rules when it has any, else the
    user's general ones; of those, the ones asking for this kind."""
    own = [rule for rule in rules if search_id is not None and rule.search_id == search_id]
    chosen = own or [rule for rule in rules if rule.search_id is None]
    return [rule for rule in chosen if kind.value in rule.events]
