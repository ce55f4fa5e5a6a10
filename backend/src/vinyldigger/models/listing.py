"""Marketplace listings and their sellers: public data, shared by every user.

A listing has a life: first seen, last seen, gone. Every price it was seen at is kept in
price_observations, which the price history is computed from.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
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

from vinyldigger.models.base import Base

MONEY = Numeric(12, 2)


class Seller(Base):
    __tablename__ = "sellers"
    __table_args__ = (UniqueConstraint("platform", "username"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    username: Mapped[str] = mapped_column(String(200))
    rating: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    rating_count: Mapped[int | None] = mapped_column()
    country: Mapped[str | None] = mapped_column(String(2))
    min_order_amount: Mapped[Decimal | None] = mapped_column(MONEY)
    min_order_currency: Mapped[str | None] = mapped_column(String(3))
    updated_at: Mapped[datetime]


class Listing(Base):
    __tablename__ = "listings"
    __table_args__ = (
        UniqueConstraint("platform", "external_id"),
        Index("ix_listings_release_id_gone_at", "release_id", "gone_at"),
        Index("ix_listings_seller_id", "seller_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(64))
    # Known exactly for Discogs listings; eBay listings are matched per user instead.
    release_id: Mapped[int | None] = mapped_column(BigInteger)
    title: Mapped[str] = mapped_column(String(500))
    artist: Mapped[str | None] = mapped_column(String(300))
    media_grade: Mapped[str | None] = mapped_column(String(4))
    sleeve_grade: Mapped[str | None] = mapped_column(String(4))
    price_amount: Mapped[Decimal] = mapped_column(MONEY)
    price_currency: Mapped[str] = mapped_column(String(3))
    # NULL means unknown, never free: free shipping is stored as 0.
    shipping_amount: Mapped[Decimal | None] = mapped_column(MONEY)
    shipping_currency: Mapped[str | None] = mapped_column(String(3))
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"))
    ships_from: Mapped[str | None] = mapped_column(String(2))
    url: Mapped[str] = mapped_column(String(1000))
    image: Mapped[str | None] = mapped_column(String(1000))
    buying_option: Mapped[str] = mapped_column(String(16))
    auction_end: Mapped[datetime | None] = mapped_column()
    condition_text: Mapped[str | None] = mapped_column(Text)
    catalog_number: Mapped[str | None] = mapped_column(String(100))
    barcode: Mapped[str | None] = mapped_column(String(32))
    first_seen_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    gone_at: Mapped[datetime | None] = mapped_column()


class PriceObservation(Base):
    """A listing seen at a price: appended when it appears and whenever its price changes."""

    __tablename__ = "price_observations"
    __table_args__ = (
        Index("ix_price_observations_release_id_observed_at", "release_id", "observed_at"),
        Index("ix_price_observations_listing_id", "listing_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    listing_id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"),
        ForeignKey("listings.id", ondelete="CASCADE"),
    )
    release_id: Mapped[int | None] = mapped_column(BigInteger)
    media_grade: Mapped[str | None] = mapped_column(String(4))
    price_amount: Mapped[Decimal] = mapped_column(MONEY)
    price_currency: Mapped[str] = mapped_column(String(3))
    observed_at: Mapped[datetime]
