"""What the browser companion sends: import tokens, imports, and each imported listing id.

The companion harvests listing ids from the Discogs pages the user sees and sends them with an
import token. The server reads each id through the official API later (`services/imports`),
so an import is a queue of ids with a status per id, not a copy of any page.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from vinyldigger.models.base import Base, utcnow

LISTING_ID = BigInteger().with_variant(Integer, "sqlite")


class ImportToken(Base):
    """A bearer token that can only create imports. Only its SHA-256 digest is stored."""

    __tablename__ = "import_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    # The last four characters, so the user can tell tokens apart once the token is hidden.
    hint: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()


class ListingImport(Base):
    """One batch of ids the companion sent (a page, or a scan's page)."""

    __tablename__ = "listing_imports"
    __table_args__ = (Index("ix_listing_imports_user_id_created_at", "user_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    token_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_tokens.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Release ids the page named (a release's marketplace page, rows of Shop my wants).
    release_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    # Discogs sellers of the wanted listings read so far: suggestions to follow.
    seller_names: Mapped[list[str]] = mapped_column(JSON, default=list)
    finished_at: Mapped[datetime | None] = mapped_column()


class ImportItem(Base):
    """One listing id of an import and what reading it found."""

    __tablename__ = "import_items"
    __table_args__ = (
        UniqueConstraint("import_id", "external_id"),
        # The reader asks "which ids wait?", oldest first.
        Index("ix_import_items_status_id", "status", "id"),
        Index("ix_import_items_user_id_status", "user_id", "status"),
    )

    id: Mapped[int] = mapped_column(LISTING_ID, primary_key=True)
    import_id: Mapped[int] = mapped_column(
        ForeignKey("listing_imports.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    external_id: Mapped[str] = mapped_column(String(64))
    # queued, reading, stored, not_found, not_for_sale, not_wanted, failed (see ItemStatus).
    status: Mapped[str] = mapped_column(String(16), default="queued")
    claim: Mapped[str | None] = mapped_column(String(32))
    claimed_at: Mapped[datetime | None] = mapped_column()
    attempts: Mapped[int] = mapped_column(default=0)
    listing_id: Mapped[int | None] = mapped_column(
        LISTING_ID, ForeignKey("listings.id", ondelete="SET NULL"), index=True
    )
    release_id: Mapped[int | None] = mapped_column(BigInteger)
    seller: Mapped[str | None] = mapped_column(String(200))
    error: Mapped[str | None] = mapped_column(String(300))
    read_at: Mapped[datetime | None] = mapped_column()
