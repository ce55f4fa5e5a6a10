"""The mail server alerts are sent through, as Admin sees and sets it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from vinyldigger.api.deps import AdminUser, Context, Session
from vinyldigger.api.errors import ErrorResponse
from vinyldigger.api.v1.alert_shapes import TestResultOut
from vinyldigger.services.alerts import delivery, mail_server
from vinyldigger.services.alerts.channels import SendFailed
from vinyldigger.services.alerts.mail_server import MailServerInput, MailServerState

router = APIRouter(prefix="/admin/mail-server", tags=["admin"])
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse},
    403: {"model": ErrorResponse},
    409: {"model": ErrorResponse},
    422: {"model": ErrorResponse},
    429: {"model": ErrorResponse},
}


@router.get("", name="admin-mail-server-get", response_model=MailServerState, responses=ERRORS)
async def get_mail_server(_admin: AdminUser, session: Session, context: Context) -> Any:
    return await mail_server.state(session, context.settings)


@router.put("", name="admin-mail-server-put", response_model=MailServerState, responses=ERRORS)
async def put_mail_server(
    body: MailServerInput, admin: AdminUser, session: Session, context: Context
) -> Any:
    """Save the SMTP server; refused (409) while VINYLDIGGER_SMTP_HOST decides it."""
    return await mail_server.save(session, context.settings, context.secret_box, body, admin.id)


@router.post("/test", name="admin-mail-server-test", response_model=TestResultOut, responses=ERRORS)
async def test_mail_server(admin: AdminUser, session: Session, context: Context) -> Any:
    """Send a test e-mail to the admin's own address through the configured server."""
    try:
        await delivery.send_test(context, session, admin, target_id=None)
    except SendFailed as exc:
        return TestResultOut(sent=False, error=str(exc))
    return TestResultOut(sent=True)
