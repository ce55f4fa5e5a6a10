"""Marketplace credentials, encrypted at rest."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from vinyldigger.models.base import Base, TimestampMixin


class MarketplaceCredential(TimestampMixin, Base):
    """All fields of one service's credentials, as one Fernet token of a JSON object."""

    __tablename__ = "marketplace_credentials"
    __table_args__ = (UniqueConstraint("user_id", "service"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    service: Mapped[str] = mapped_column(String(32))
    encrypted_payload: Mapped[str] = mapped_column(Text)


class DiscogsOAuthRequest(Base):
    """A request token waiting for the user to approve VinylDigger on Discogs (15 minutes)."""

    __tablename__ = "discogs_oauth_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    request_token: Mapped[str] = mapped_column(String(200), unique=True)
    encrypted_secret: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[datetime]
