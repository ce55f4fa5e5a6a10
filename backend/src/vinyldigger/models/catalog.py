"""Discogs releases VinylDigger knows about, shared by every user (public catalogue data)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, BigInteger, Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from vinyldigger.models.base import Base, utcnow


class Release(Base):
    """A Discogs release: the canonical identity of a record. Grouped by master id."""

    __tablename__ = "releases"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    master_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    title: Mapped[str] = mapped_column(String(500))
    artists: Mapped[list[str]] = mapped_column(JSON, default=list)
    # "Artist A, Artist B" as Discogs writes it: what lists search and sort on.
    artists_sort: Mapped[str] = mapped_column(String(500), default="", index=True)
    # [{"name": ..., "catno": ...}]
    labels: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    formats: Mapped[list[str]] = mapped_column(JSON, default=list)
    year: Mapped[int | None] = mapped_column(Integer)
    country: Mapped[str | None] = mapped_column(String(100))
    thumb: Mapped[str | None] = mapped_column(String(1000))
    cover_image: Mapped[str | None] = mapped_column(String(1000))
    barcodes: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Discogs' marketplace summary: copies for sale and the lowest price (any condition).
    num_for_sale: Mapped[int | None] = mapped_column(Integer)
    lowest_price_amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    lowest_price_currency: Mapped[str | None] = mapped_column(String(3))
    market_checked_at: Mapped[datetime | None] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    @property
    def artist_display(self) -> str:
        return ", ".join(self.artists)
