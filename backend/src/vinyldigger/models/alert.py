"""Alerts: what a user wants to be told (rules), what happened (events), how it reached them
(deliveries), where push messages go (push targets) and the instance's mail server."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from vinyldigger.models.base import Base, TimestampMixin, utcnow


class AlertPreferences(TimestampMixin, Base):
    """One row per user: when they may be disturbed and how much."""

    __tablename__ = "alert_preferences"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    # IANA zone ("Europe/Berlin"); quiet hours and the daily digest are in it.
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")
    # Local hours [start, end) in which nothing is sent but the bell; None: no quiet hours.
    quiet_start_hour: Mapped[int | None] = mapped_column()
    quiet_end_hour: Mapped[int | None] = mapped_column()
    daily_digest_hour: Mapped[int] = mapped_column(default=8)
    # None: the instance's VINYLDIGGER_ALERT_HOURLY_CAP.
    hourly_cap: Mapped[int | None] = mapped_column()
    # The best basket total the user was last told about, to compare the next plan with.
    basket_told_total: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    basket_told_currency: Mapped[str | None] = mapped_column(String(3))


class AlertRule(TimestampMixin, Base):
    """Which events to tell, through which channels and when. A rule of a saved search is
    used for that search's events instead of the user's general rules."""

    __tablename__ = "alert_rules"
    __table_args__ = (Index("ix_alert_rules_user_id_search_id", "user_id", "search_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    search_id: Mapped[int | None] = mapped_column(
        ForeignKey("saved_searches.id", ondelete="CASCADE")
    )
    name: Mapped[str] = mapped_column(String(200))
    is_active: Mapped[bool] = mapped_column(default=True)
    # Event kinds (services.alerts.kinds.EventKind values).
    events: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Channel names: "in_app", "email", "push".
    channels: Mapped[list[str]] = mapped_column(JSON, default=list)
    # "instant", "hourly" or "daily".
    timing: Mapped[str] = mapped_column(String(16), default="instant")
    # Thresholds; None leaves the rule to the want's own limits.
    max_price: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    min_media_grade: Mapped[str | None] = mapped_column(String(4))
    ships_from: Mapped[list[str]] = mapped_column(JSON, default=list)
    any_pressing: Mapped[bool] = mapped_column(default=False)
    price_drop_percent: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("10"))
    bundle_min_wants: Mapped[int] = mapped_column(default=3)
    basket_drop_amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    basket_drop_percent: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))


class AlertEvent(Base):
    """Something worth telling, stored once per user, kind and subject."""

    __tablename__ = "alert_events"
    __table_args__ = (
        UniqueConstraint("user_id", "kind", "subject"),
        Index("ix_alert_events_user_id_created_at", "user_id", "created_at"),
        Index("ix_alert_events_user_id_read_at", "user_id", "read_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    # What it is about, e.g. "listing:12", "listing:12:observation:40", "seller:3:wants:4".
    subject: Mapped[str] = mapped_column(String(120))
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("alert_rules.id", ondelete="SET NULL"))
    search_id: Mapped[int | None] = mapped_column(
        ForeignKey("saved_searches.id", ondelete="SET NULL")
    )
    # The run (search or basket plan) that found it.
    run_id: Mapped[int | None] = mapped_column()
    listing_id: Mapped[int | None] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    release_id: Mapped[int | None] = mapped_column(BigInteger)
    seller_id: Mapped[int | None] = mapped_column()
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    # The app path it opens ("/releases/12", "/basket", ...).
    link: Mapped[str] = mapped_column(String(300))
    # What triggered it: prices, thresholds, counts (services.alerts.kinds.Trigger).
    trigger: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Set when the event has an in-app notification (its rule has the in_app channel).
    in_app: Mapped[bool] = mapped_column(default=False)
    read_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AlertDelivery(Base):
    """One event on one channel: pending → sending → sent or failed. The unique pair makes a
    second delivery of the same event on the same channel impossible."""

    __tablename__ = "alert_deliveries"
    __table_args__ = (
        UniqueConstraint("event_id", "channel"),
        Index("ix_alert_deliveries_status_due_at", "status", "due_at"),
        Index("ix_alert_deliveries_user_id_created_at", "user_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("alert_events.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("alert_rules.id", ondelete="SET NULL"))
    channel: Mapped[str] = mapped_column(String(16))
    # "pending", "sending", "sent", "failed", "skipped".
    status: Mapped[str] = mapped_column(String(16), default="pending")
    # Sent in a digest with the user's other deliveries due at the same moment.
    digest: Mapped[bool] = mapped_column(default=False)
    due_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0)
    claim_token: Mapped[str | None] = mapped_column(String(32))
    claimed_at: Mapped[datetime | None] = mapped_column()
    sent_at: Mapped[datetime | None] = mapped_column()
    error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PushTarget(TimestampMixin, Base):
    """An Apprise URL (ntfy, Telegram, Discord, Slack, Pushover, a JSON webhook), encrypted."""

    __tablename__ = "alert_push_targets"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    # The service named by the URL's scheme ("ntfy", "tgram", "json"): not a secret.
    service: Mapped[str] = mapped_column(String(32))
    encrypted_url: Mapped[str] = mapped_column(Text)


class MailServer(TimestampMixin, Base):
    """The one row (id 1) of SMTP settings saved in Admin; the password is encrypted."""

    __tablename__ = "alert_mail_server"

    id: Mapped[int] = mapped_column(primary_key=True)
    host: Mapped[str] = mapped_column(String(255))
    port: Mapped[int] = mapped_column(default=587)
    username: Mapped[str | None] = mapped_column(String(255))
    encrypted_password: Mapped[str | None] = mapped_column(Text)
    sender: Mapped[str] = mapped_column(String(320))
    starttls: Mapped[bool] = mapped_column(default=True)
