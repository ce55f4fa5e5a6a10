"""The names alerts use: event kinds, channels, timings, delivery states, and an event draft."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class EventKind(StrEnum):
    NEW_WANTED = "new_wanted_listing"
    PRICE_DROP = "price_drop"
    BUNDLE = "seller_bundle"
    BASKET_CHEAPER = "basket_cheaper"
    SEARCH_FAILING = "search_failing"


class Channel(StrEnum):
    IN_APP = "in_app"
    EMAIL = "email"
    PUSH = "push"


def push_channel(target_id: int) -> str:
    """Each push URL is a channel of its own, so one failing service never resends to the
    others."""
    return f"{Channel.PUSH.value}:{target_id}"


class Timing(StrEnum):
    INSTANT = "instant"
    HOURLY = "hourly"
    DAILY = "daily"


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


EVENT_LABELS: dict[EventKind, str] = {
    EventKind.NEW_WANTED: "New wanted listing",
    EventKind.PRICE_DROP: "Price drop",
    EventKind.BUNDLE: "Seller with several of your wants",
    EventKind.BASKET_CHEAPER: "Cheaper basket",
    EventKind.SEARCH_FAILING: "Search keeps failing",
}


@dataclass(frozen=True)
class EventDraft:
    """An event before it is stored; `subject` makes it unique for its user and kind."""

    user_id: int
    kind: EventKind
    subject: str
    title: str
    body: str
    link: str
    trigger: dict[str, Any] = field(default_factory=dict)
    search_id: int | None = None
    run_id: int | None = None
    listing_id: int | None = None
    release_id: int | None = None
    seller_id: int | None = None
