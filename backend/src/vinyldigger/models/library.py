"""A user's mirror of their Discogs want list and collection."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import BigInteger, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vinyldigger.models.base import Base, utcnow
from vinyldigger.models.catalog import Release


class Want(Base):
    __tablename__ = "wants"
    __table_args__ = (
        UniqueConstraint("user_id", "release_id"),
        Index("ix_wants_user_id_date_added", "user_id", "date_added"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    release_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("releases.id"), index=True)
    date_added: Mapped[datetime]
    rating: Mapped[int] = mapped_column(default=0)
    notes: Mapped[str | None] = mapped_column(Text)
    synced_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The user's own limits for the basket, in their currency; kept across syncs.
    max_price: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    min_media_grade: Mapped[str | None] = mapped_column(String(4))
    # "Any pressing is fine": a listing of this album whose pressing is not stated counts as
    # wanted. None: the saved search's "any pressing" criterion decides.
    any_pressing: Mapped[bool | None] = mapped_column()
    # "must" (every plan buys it), "optional" (bought when worth its value) or "skip".
    basket_choice: Mapped[str] = mapped_column(String(8), default="optional")

    release: Mapped[Release] = relationship(lazy="raise")


class CollectionItem(Base):
    """One owned copy (Discogs instance); the same release can be owned twice."""

    __tablename__ = "collection_items"
    __table_args__ = (
        UniqueConstraint("user_id", "instance_id"),
        Index("ix_collection_items_user_id_release_id", "user_id", "release_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    instance_id: Mapped[int] = mapped_column(BigInteger)
    release_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("releases.id"), index=True)
    folder_id: Mapped[int] = mapped_column(default=1)
    date_added: Mapped[datetime]
    rating: Mapped[int] = mapped_column(default=0)
    media_grade: Mapped[str | None] = mapped_column(String(8))
    sleeve_grade: Mapped[str | None] = mapped_column(String(8))
    synced_at: Mapped[datetime] = mapped_column(default=utcnow)

    release: Mapped[Release] = relationship(lazy="raise")
