"""Marketplace credentials: validated, encrypted per service, shown only as masked hints."""

from __future__ import annotations

import json
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, SecretStr, StringConstraints, model_validator
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.errors import not_found
from vinyldigger.core.logging import security_event
from vinyldigger.core.security import SecretBox
from vinyldigger.models import MarketplaceCredential, User

HINT_LENGTH = 4
# A secret shorter than this would be half-revealed by its last four characters.
MIN_LENGTH_FOR_HINT = 12
MASK = "••••"
SECRET_FIELDS = frozenset({"personal_token", "oauth_token", "oauth_token_secret", "client_secret"})

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Secret = Annotated[SecretStr, Field(min_length=1, max_length=500)]


class Service(StrEnum):
    DISCOGS = "discogs"
    EBAY = "ebay"


class DiscogsCredentials(BaseModel):
    """A personal access token, or the token pair a user granted through OAuth 1.0a."""

    model_config = ConfigDict(extra="forbid")

    personal_token: Secret | None = None
    username: ShortText = Field(pattern=r"^[A-Za-z0-9_.\-]+$")
    oauth_token: Secret | None = None
    oauth_token_secret: Secret | None = None

    @model_validator(mode="after")
    def _one_way_to_authenticate(self) -> Self:
        has_oauth = self.oauth_token is not None and self.oauth_token_secret is not None
        if self.personal_token is None and not has_oauth:
            raise ValueError("personal_token: is required")
        return self


class EbayCredentials(BaseModel):
    model_config = ConfigDict(extra="forbid")

    client_id: ShortText
    client_secret: Secret
    marketplace_id: str = Field(default="EBAY_US", pattern=r"^EBAY_[A-Z]{2,3}$")
    buyer_country: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")
    buyer_postal_code: str = Field(min_length=1, max_length=16, pattern=r"^[A-Za-z0-9 \-]+$")


CREDENTIAL_MODELS: dict[Service, type[DiscogsCredentials] | type[EbayCredentials]] = {
    Service.DISCOGS: DiscogsCredentials,
    Service.EBAY: EbayCredentials,
}


class FieldState(BaseModel):
    name: str
    is_set: bool
    hint: str | None


class CredentialState(BaseModel):
    service: Service
    configured: bool
    # The marketplace account the credentials act as (the Discogs username); not a secret.
    account: str | None = None
    fields: list[FieldState]
    updated_at: datetime | None


def _purpose(service: Service) -> str:
    return f"credentials:{service.value}"


def _plain_values(credentials: DiscogsCredentials | EbayCredentials) -> dict[str, str]:
    values: dict[str, str] = {}
    for name in type(credentials).model_fields:
        value = getattr(credentials, name)
        if value is None:
            continue
        values[name] = value.get_secret_value() if isinstance(value, SecretStr) else str(value)
    return values


def _hint(value: str, secret: bool) -> str | None:
    if secret and len(value) < MIN_LENGTH_FOR_HINT:
        return None
    return MASK + value[-HINT_LENGTH:]


def _state(service: Service, row: MarketplaceCredential | None, box: SecretBox) -> CredentialState:
    model = CREDENTIAL_MODELS[service]
    values: dict[str, str] = {}
    if row is not None:
        values = json.loads(box.decrypt(_purpose(service), row.encrypted_payload))
    fields = []
    for name in model.model_fields:
        value = values.get(name, "")
        secret = name in SECRET_FIELDS
        fields.append(
            FieldState(name=name, is_set=bool(value), hint=_hint(value, secret) if value else None)
        )
    return CredentialState(
        service=service,
        configured=row is not None,
        account=values.get("username") if service is Service.DISCOGS else None,
        fields=fields,
        updated_at=row.updated_at if row else None,
    )


async def _row(session: AsyncSession, user: User, service: Service) -> MarketplaceCredential | None:
    return await session.scalar(
        select(MarketplaceCredential).where(
            MarketplaceCredential.user_id == user.id, MarketplaceCredential.service == service
        )
    )


async def list_states(session: AsyncSession, box: SecretBox, user: User) -> list[CredentialState]:
    rows = await session.scalars(
        select(MarketplaceCredential).where(MarketplaceCredential.user_id == user.id)
    )
    by_service = {Service(r.service): r for r in rows}
    return [_state(service, by_service.get(service), box) for service in Service]


async def get_state(
    session: AsyncSession, box: SecretBox, user: User, service: Service
) -> CredentialState:
    return _state(service, await _row(session, user, service), box)


async def store(
    session: AsyncSession,
    box: SecretBox,
    user: User,
    service: Service,
    credentials: DiscogsCredentials | EbayCredentials,
) -> CredentialState:
    payload = box.encrypt(_purpose(service), json.dumps(_plain_values(credentials)))
    row = await _row(session, user, service)
    if row is None:
        row = MarketplaceCredential(
            user_id=user.id, service=service.value, encrypted_payload=payload
        )
        session.add(row)
    else:
        row.encrypted_payload = payload
    await session.flush()
    await session.refresh(row)
    security_event("credentials_changed", user_id=user.id, service=service.value)
    return _state(service, row, box)


async def remove(session: AsyncSession, user: User, service: Service) -> None:
    result = await session.execute(
        delete(MarketplaceCredential).where(
            MarketplaceCredential.user_id == user.id, MarketplaceCredential.service == service
        )
    )
    if not result.rowcount:  # type: ignore[attr-defined]
        raise not_found(f"{service.value} credentials")
    security_event("credentials_removed", user_id=user.id, service=service.value)


async def load(
    session: AsyncSession, box: SecretBox, user_id: int, service: Service
) -> DiscogsCredentials | EbayCredentials | None:
    """Decrypted credentials for the marketplace clients; never serialised to a response."""
    row = await session.scalar(
        select(MarketplaceCredential).where(
            MarketplaceCredential.user_id == user_id, MarketplaceCredential.service == service
        )
    )
    if row is None:
        return None
    values = json.loads(box.decrypt(_purpose(service), row.encrypted_payload))
    return CREDENTIAL_MODELS[service].model_validate(values)
