"""What the alerts and notifications endpoints return."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, Field

from vinyldigger.models import AlertDelivery, AlertEvent, AlertPreferences, AlertRule
from vinyldigger.services.alerts.kinds import Channel, EventKind, Timing


class RuleOut(BaseModel):
    id: int
    name: str
    search_id: int | None
    is_active: bool
    events: list[EventKind]
    channels: list[Channel]
    timing: Timing
    max_price: Decimal | None
    min_media_grade: str | None
    ships_from: list[str]
    any_pressing: bool
    price_drop_percent: Decimal
    bundle_min_wants: int
    basket_drop_amount: Decimal | None
    basket_drop_percent: Decimal | None
    created_at: datetime

    @classmethod
    def of(cls, rule: AlertRule) -> RuleOut:
        return cls(
            id=rule.id,
            name=rule.name,
            search_id=rule.search_id,
            is_active=rule.is_active,
            events=[EventKind(kind) for kind in rule.events],
            channels=[Channel(channel) for channel in rule.channels],
            timing=Timing(rule.timing),
            max_price=rule.max_price,
            min_media_grade=rule.min_media_grade,
            ships_from=list(rule.ships_from or []),
            any_pressing=rule.any_pressing,
            price_drop_percent=rule.price_drop_percent,
            bundle_min_wants=rule.bundle_min_wants,
            basket_drop_amount=rule.basket_drop_amount,
            basket_drop_percent=rule.basket_drop_percent,
            created_at=rule.created_at,
        )


class PreferencesOut(BaseModel):
    time_zone: str
    quiet_start_hour: int | None
    quiet_end_hour: int | None
    daily_digest_hour: int
    # The user's own cap, or null for the instance's.
    hourly_cap: int | None
    instance_hourly_cap: int

    @classmethod
    def of(cls, row: AlertPreferences, instance_cap: int) -> PreferencesOut:
        return cls(
            time_zone=row.time_zone,
            quiet_start_hour=row.quiet_start_hour,
            quiet_end_hour=row.quiet_end_hour,
            daily_digest_hour=row.daily_digest_hour,
            hourly_cap=row.hourly_cap,
            instance_hourly_cap=instance_cap,
        )


class NotificationOut(BaseModel):
    id: int
    # An EventKind value, or "test".
    kind: str
    title: str
    body: str
    # The app path it opens: a release page (its listings), a seller, the basket, the runs.
    link: str
    # The marketplace page of the listing, when the event is about one.
    listing_url: str | None
    listing_id: int | None
    release_id: int | None
    search_id: int | None
    # What triggered it: prices, thresholds, counts.
    trigger: dict[str, Any]
    read_at: datetime | None
    created_at: datetime

    @classmethod
    def of(cls, event: AlertEvent) -> NotificationOut:
        trigger = event.trigger or {}
        url = trigger.get("url")
        return cls(
            id=event.id,
            kind=event.kind,
            title=event.title,
            body=event.body,
            link=event.link,
            listing_url=url if isinstance(url, str) else None,
            listing_id=event.listing_id,
            release_id=event.release_id,
            search_id=event.search_id,
            trigger=trigger,
            read_at=event.read_at,
            created_at=event.created_at,
        )


class UnreadOut(BaseModel):
    unread: int
    # The newest notification's id (0 without any): it changes when one arrives.
    latest_id: int


class MarkedOut(BaseModel):
    marked: int


class DeliveryOut(BaseModel):
    id: int
    event_id: int
    event_title: str
    event_kind: str
    # "in_app", "email" or "push:<push URL id>".
    channel: str
    status: str
    digest: bool
    attempts: int
    due_at: datetime
    sent_at: datetime | None
    error: str | None
    created_at: datetime

    @classmethod
    def of(cls, delivery: AlertDelivery, event: AlertEvent) -> DeliveryOut:
        return cls(
            id=delivery.id,
            event_id=event.id,
            event_title=event.title,
            event_kind=event.kind,
            channel=delivery.channel,
            status=delivery.status,
            digest=delivery.digest,
            attempts=delivery.attempts,
            due_at=delivery.due_at,
            sent_at=delivery.sent_at,
            error=delivery.error,
            created_at=delivery.created_at,
        )


class TestResultOut(BaseModel):
    sent: bool
    # Why it was not sent (the server's answer), when it was not.
    error: str | None = None


class UnsubscribeIn(BaseModel):
    token: Annotated[str, Field(max_length=200)]


class UnsubscribedOut(BaseModel):
    rule_id: int
    rule_name: str
    is_active: bool
