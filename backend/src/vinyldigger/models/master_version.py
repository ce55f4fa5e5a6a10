"""Every pressing of the masters users want or own (Discogs /masters/{id}/versions).

Public catalogue data, shared by every user: a master's list is fetched once for the whole
instance and refreshed weekly. The matcher needs it to tell a pressing from the others.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from vinyldigger.models.base import Base


class MasterVersionList(Base):
    """When a master's versions were fetched, when to fetch them next, how it last went."""

    __tablename__ = "master_version_lists"

    master_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    fetched_at: Mapped[datetime | None] = mapped_column()
    # Due when this has passed (or is null): a week after a fetch, sooner after a failure,
    # and a few minutes ahead while a worker holds the claim.
    next_attempt_at: Mapped[datetime | None] = mapped_column(index=True)
    version_count: Mapped[int] = mapped_column(default=0, server_default="0")
    consecutive_failures: Mapped[int] = mapped_column(default=0, server_default="0")
    last_error: Mapped[str | None] = mapped_column(String(200))


class MasterVersionRecord(Base):
    """One version (release) of a master as the versions list describes it."""

    __tablename__ = "master_versions"
    __table_args__ = (UniqueConstraint("master_id", "release_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    master_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("master_version_lists.master_id", ondelete="CASCADE")
    )
    # Results name "another pressing" by its release id and look it up here.
    release_id: Mapped[int] = mapped_column(BigInteger, index=True)
    title: Mapped[str] = mapped_column(String(500))
    label: Mapped[str | None] = mapped_column(String(500))
    catno: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(100))
    # As Discogs writes it ("1979", "1979-06-00"); `year` is its year.
    released: Mapped[str | None] = mapped_column(String(20))
    year: Mapped[int | None] = mapped_column(Integer)
    # The format line split at commas: ["LP", "Album", "Reissue", "180 Gram"].
    formats: Mapped[list[str]] = mapped_column(JSON, default=list)
    major_formats: Mapped[list[str]] = mapped_column(JSON, default=list)
