"""Discogs sellers users follow, and the one crawl of each seller's inventory they share.

A seller's stock is public, so it is crawled once for the whole instance whoever follows
it; following is per user and only decides what is crawled and what the user's searches read.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from vinyldigger.models.base import Base, utcnow


class SellerCrawl(Base):
    """The crawl state of one Discogs seller's inventory."""

    __tablename__ = "seller_crawls"
    __table_args__ = (
        # Discogs user names are case-insensitive: "CrateKing" and "crateking" are one shop.
        UniqueConstraint("username_key"),
        Index("ix_seller_crawls_last_crawled_at", "last_crawled_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # As Discogs spells it once crawled; as the first follower typed it until then.
    username: Mapped[str] = mapped_column(String(200))
    username_key: Mapped[str] = mapped_column(String(200))
    # The stored seller once a crawl has seen its listings (rating, country come from there).
    seller_id: Mapped[int | None] = mapped_column(
        ForeignKey("sellers.id", ondelete="SET NULL"), index=True
    )
    # "pending" (never crawled), "ok", "not_found" (no such Discogs user) or "failed".
    status: Mapped[str] = mapped_column(String(16), default="pending")
    error: Mapped[str | None] = mapped_column(String(500))
    # Listings for sale as Discogs counted them on the last page read.
    inventory_size: Mapped[int | None] = mapped_column()
    last_crawled_at: Mapped[datetime | None] = mapped_column()
    last_full_pass_at: Mapped[datetime | None] = mapped_column()
    # A full pass spans ticks: the page it resumes at, and when it began (a listing not seen
    # since then when the pass ends is gone).
    full_pass_page: Mapped[int | None] = mapped_column()
    full_pass_started_at: Mapped[datetime | None] = mapped_column()
    # A tick that took this seller holds it until then, so overlapping ticks (two workers,
    # a slow tick) never crawl one seller twice at once.
    claimed_until: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class FollowedSeller(Base):
    """A Discogs seller a user follows."""

    __tablename__ = "followed_sellers"
    __table_args__ = (UniqueConstraint("user_id", "crawl_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    crawl_id: Mapped[int] = mapped_column(
        ForeignKey("seller_crawls.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
