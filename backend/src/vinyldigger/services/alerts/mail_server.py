"""The SMTP server alerts are sent through: from the environment, else as saved in Admin.

VINYLDIGGER_SMTP_HOST set means the environment decides (distributed deployments keep their
mail settings with the rest of their configuration); Admin then shows them read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.config import Settings
from vinyldigger.core.errors import AppError
from vinyldigger.core.logging import security_event
from vinyldigger.core.security import SecretBox
from vinyldigger.models import MailServer

ROW_ID = 1
PURPOSE = "alerts:smtp"
# A host name or an address, ASCII only (an internationalised name in its xn-- form).
Host = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=255, pattern=r"^[A-Za-z0-9.:\[\]-]+$"
    ),
]


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    username: str | None
    password: str | None
    sender: str
    starttls: bool


class MailServerInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    host: Host
    port: int = Field(default=587, ge=1, le=65535)
    username: Annotated[str, StringConstraints(max_length=255, pattern=r"^[ -~]*$")] | None = None
    # Omitted: keep the stored password; empty: remove it. Stored encrypted, never returned.
    password: Annotated[str, Field(max_length=500)] | None = None
    # An address the server accepts as sender; local names (alerts@host.lan) are allowed.
    sender: Annotated[
        str,
        StringConstraints(strip_whitespace=True, max_length=320, pattern=r"^[!-?A-~]+@[!-?A-~]+$"),
    ]
    starttls: bool = True


class MailServerState(BaseModel):
    # "environment", "admin" or "none".
    source: str
    host: str | None
    port: int | None
    username: str | None
    password_set: bool
    sender: str | None
    starttls: bool | None


def from_environment(settings: Settings) -> SmtpConfig | None:
    if not settings.smtp_host:
        return None
    return SmtpConfig(
        host=settings.smtp_host,
        port=settings.smtp_port,
        username=settings.smtp_username,
        password=settings.smtp_password.get_secret_value() if settings.smtp_password else None,
        sender=settings.smtp_from or f"vinyldigger@{settings.smtp_host}",
        starttls=settings.smtp_starttls,
    )


async def current(session: AsyncSession, settings: Settings, box: SecretBox) -> SmtpConfig | None:
    """The server to send through, or None when none is configured."""
    configured = from_environment(settings)
    if configured is not None:
        return configured
    row = await session.get(MailServer, ROW_ID)
    if row is None:
        return None
    password = box.decrypt(PURPOSE, row.encrypted_password) if row.encrypted_password else None
    return SmtpConfig(row.host, row.port, row.username, password, row.sender, row.starttls)


async def state(session: AsyncSession, settings: Settings) -> MailServerState:
    configured = from_environment(settings)
    if configured is not None:
        return MailServerState(
            source="environment",
            host=configured.host,
            port=configured.port,
            username=configured.username,
            password_set=configured.password is not None,
            sender=configured.sender,
            starttls=configured.starttls,
        )
    row = await session.get(MailServer, ROW_ID)
    if row is None:
        return MailServerState(
            source="none",
            host=None,
            port=None,
            username=None,
            password_set=False,
            sender=None,
            starttls=None,
        )
    return MailServerState(
        source="admin",
        host=row.host,
        port=row.port,
        username=row.username,
        password_set=row.encrypted_password is not None,
        sender=row.sender,
        starttls=row.starttls,
    )


async def save(
    session: AsyncSession, settings: Settings, box: SecretBox, data: MailServerInput, admin_id: int
) -> MailServerState:
    if from_environment(settings) is not None:
        raise AppError(
            "The mail server is set by the environment (VINYLDIGGER_SMTP_*).",
            status_code=409,
            code="set_by_environment",
        )
    row = await session.get(MailServer, ROW_ID)
    if row is None:
        row = MailServer(id=ROW_ID, host=data.host, sender=data.sender)
        session.add(row)
    row.host, row.port, row.sender = data.host, data.port, data.sender
    row.username, row.starttls = data.username or None, data.starttls
    if data.password is not None:
        row.encrypted_password = box.encrypt(PURPOSE, data.password) if data.password else None
    await session.flush()
    security_event("mail_server_changed", user_id=admin_id)
    return await state(session, settings)
