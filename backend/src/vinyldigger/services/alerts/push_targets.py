"""A user's Apprise push URLs, encrypted like marketplace credentials and never shown again
(only the service and a masked hint)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, SecretStr, StringConstraints
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.errors import not_found, validation
from vinyldigger.core.logging import security_event
from vinyldigger.core.security import SecretBox
from vinyldigger.models import PushTarget
from vinyldigger.services.alerts.channels import push_service

PURPOSE = "alerts:push"
MAX_TARGETS = 10


class PushTargetInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    url: Annotated[SecretStr, Field(min_length=4, max_length=2000)]


class PushTargetState(BaseModel):
    id: int
    name: str
    service: str
    hint: str
    created_at: datetime


def _state(row: PushTarget, url: str) -> PushTargetState:
    return PushTargetState(
        id=row.id,
        name=row.name,
        service=row.service,
        hint=f"{row.service}://••••{url[-4:]}" if len(url) >= 16 else f"{row.service}://••••",
        created_at=row.created_at,
    )


async def list_targets(
    session: AsyncSession, box: SecretBox, user_id: int
) -> list[PushTargetState]:
    rows = await session.scalars(
        select(PushTarget).where(PushTarget.user_id == user_id).order_by(PushTarget.id)
    )
    return [_state(row, box.decrypt(PURPOSE, row.encrypted_url)) for row in rows]


async def add_target(
    session: AsyncSession, box: SecretBox, user_id: int, data: PushTargetInput
) -> PushTargetState:
    url = data.url.get_secret_value().strip()
    service = push_service(url)
    if service is None:
        raise validation("url", "Apprise does not recognise this URL")
    count = await session.scalar(
        select(func.count()).select_from(PushTarget).where(PushTarget.user_id == user_id)
    )
    if (count or 0) >= MAX_TARGETS:
        raise validation("url", f"at most {MAX_TARGETS} push URLs")
    row = PushTarget(
        user_id=user_id, name=data.name, service=service, encrypted_url=box.encrypt(PURPOSE, url)
    )
    session.add(row)
    await session.flush()
    await session.refresh(row)
    security_event("push_target_added", user_id=user_id, service=service)
    return _state(row, url)


async def _row(session: AsyncSession, user_id: int, target_id: int) -> PushTarget:
    row = await session.scalar(
        select(PushTarget).where(PushTarget.id == target_id, PushTarget.user_id == user_id)
    )
    if row is None:
        raise not_found("Push URL")
    return row


async def remove_target(session: AsyncSession, user_id: int, target_id: int) -> None:
    await session.delete(await _row(session, user_id, target_id))
    await session.flush()
    security_event("push_target_removed", user_id=user_id)


async def urls(
    session: AsyncSession, box: SecretBox, user_id: int, target_id: int | None = None
) -> list[str]:
    """Decrypted URLs for sending (one target's, or all of the user's); never returned."""
    if target_id is not None:
        return [box.decrypt(PURPOSE, (await _row(session, user_id, target_id)).encrypted_url)]
    rows = await session.scalars(select(PushTarget).where(PushTarget.user_id == user_id))
    return [box.decrypt(PURPOSE, row.encrypted_url) for row in rows]
