"""What saved searches found, per user: results with their life, matches with their flags."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from vinyldigger.models.base import Base, utcnow

LISTING_ID = BigInteger().with_variant(Integer, "sqlite")


class TrackedSeller(Base):
    """A seller seen in a user's results whose Discogs inventory their searches read (in case
    they sell there under the same name). Sellers the user follows are `FollowedSeller`s."""

    __tablename__ = "tracked_sellers"
    __table_args__ = (UniqueConstraint("user_id", "username"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    username: Mapped[str] = mapped_column(String(200))
    # "followed" (the user added it) or "seen" (it appeared in results).
    reason: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SearchResult(Base):
    __tablename__ = "search_results"
    __table_args__ = (
        UniqueConstraint("search_id", "listing_id"),
        Index("ix_search_results_search_id_gone_at", "search_id", "gone_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    search_id: Mapped[int] = mapped_column(ForeignKey("saved_searches.id", ondelete="CASCADE"))
    listing_id: Mapped[int] = mapped_column(LISTING_ID, ForeignKey("listings.id"), index=True)
    # Which source of the run returned it (e.g. "ebay:want:123", "discogs:seller:name").
    source: Mapped[str] = mapped_column(String(120))
    first_seen_run_id: Mapped[int] = mapped_column()
    last_seen_run_id: Mapped[int] = mapped_column()
    first_seen_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    gone_at: Mapped[datetime | None] = mapped_column()


class ListingMatch(Base):
    """Which of the user's releases a listing is, how sure we are, and what it means to them."""

    __tablename__ = "listing_matches"
    __table_args__ = (
        UniqueConstraint("user_id", "listing_id"),
        Index("ix_listing_matches_user_id_release_id", "user_id", "release_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    listing_id: Mapped[int] = mapped_column(LISTING_ID, ForeignKey("listings.id"))
    release_id: Mapped[int | None] = mapped_column(BigInteger)
    master_id: Mapped[int | None] = mapped_column(BigInteger)
    score: Mapped[float] = mapped_column(Float)
    method: Mapped[str] = mapped_column(String(20))
    confidence: Mapped[str] = mapped_column(String(8))
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The matcher's pressing verdict: "same" (this release), "other" (another pressing of
    # its master; `pressing_release_id` names it when the facts leave one) or "undetermined".
    pressing: Mapped[str] = mapped_column(
        String(12), default="undetermined", server_default="undetermined"
    )
    pressing_release_id: Mapped[int | None] = mapped_column(BigInteger)
    # None until the user says; "confirmed" or "rejected" is kept across runs.
    decision: Mapped[str | None] = mapped_column(String(10))
    is_wanted: Mapped[bool] = mapped_column(default=False)
    is_other_pressing: Mapped[bool] = mapped_column(default=False)
    is_owned: Mapped[bool] = mapped_column(default=False)
    is_upgrade: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
