"""Alert rules, preferences, push URLs, channel tests, the delivery log and unsubscribing."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, status
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.api.deps import Context, CurrentUser, Session
from vinyldigger.api.errors import ErrorResponse
from vinyldigger.api.pagination import Page, Pagination
from vinyldigger.api.params import ROW_ID_MAX
from vinyldigger.api.v1.alert_shapes import (
    DeliveryOut,
    NotificationOut,
    PreferencesOut,
    RuleOut,
    TestResultOut,
    UnsubscribedOut,
    UnsubscribeIn,
)
from vinyldigger.core.context import AppContext
from vinyldigger.models import User
from vinyldigger.models.base import utcnow
from vinyldigger.services.alerts import delivery, notifications, push_targets, unsubscribe
from vinyldigger.services.alerts import rules as rule_service
from vinyldigger.services.alerts.channels import SendFailed
from vinyldigger.services.alerts.push_targets import PushTargetInput, PushTargetState
from vinyldigger.services.alerts.rules import PreferencesInput, RuleInput

router = APIRouter(prefix="/alerts", tags=["alerts"])
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse},
    401: {"model": ErrorResponse},
    404: {"model": ErrorResponse},
    422: {"model": ErrorResponse},
}
TEST_ERRORS: dict[int | str, dict[str, Any]] = {**ERRORS, 429: {"model": ErrorResponse}}
RuleId = Annotated[int, Path(ge=1, le=ROW_ID_MAX, description="The alert rule's id")]
TargetId = Annotated[int, Path(ge=1, le=ROW_ID_MAX, description="The push URL's id")]


@router.get("/preferences", name="alerts-preferences-get", response_model=PreferencesOut)
async def get_preferences(user: CurrentUser, session: Session, context: Context) -> Any:
    row = await rule_service.preferences(session, user.id)
    return PreferencesOut.of(row, context.settings.alert_hourly_cap)


@router.put(
    "/preferences", name="alerts-preferences-put", response_model=PreferencesOut, responses=ERRORS
)
async def put_preferences(
    body: PreferencesInput, user: CurrentUser, session: Session, context: Context
) -> Any:
    row = await rule_service.update_preferences(session, user.id, body)
    return PreferencesOut.of(row, context.settings.alert_hourly_cap)


@router.get("/rules", name="alerts-rules-list", response_model=Page[RuleOut], responses=ERRORS)
async def list_rules(user: CurrentUser, session: Session, paging: Pagination) -> Any:
    rows, total = await rule_service.list_rules(
        session, user.id, offset=paging.offset, limit=paging.per_page
    )
    return Page[RuleOut].build([RuleOut.of(r) for r in rows], total, paging)


@router.post(
    "/rules",
    name="alerts-rules-create",
    response_model=RuleOut,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
)
async def create_rule(body: RuleInput, user: CurrentUser, session: Session) -> Any:
    return RuleOut.of(await rule_service.create_rule(session, user.id, body))


@router.get("/rules/{rule_id}", name="alerts-rules-get", response_model=RuleOut, responses=ERRORS)
async def get_rule(rule_id: RuleId, user: CurrentUser, session: Session) -> Any:
    return RuleOut.of(await rule_service.get_rule(session, user.id, rule_id))


@router.put("/rules/{rule_id}", name="alerts-rules-put", response_model=RuleOut, responses=ERRORS)
async def put_rule(rule_id: RuleId, body: RuleInput, user: CurrentUser, session: Session) -> Any:
    return RuleOut.of(await rule_service.update_rule(session, user.id, rule_id, body))


@router.delete(
    "/rules/{rule_id}",
    name="alerts-rules-delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=ERRORS,
)
async def delete_rule(rule_id: RuleId, user: CurrentUser, session: Session) -> None:
    await rule_service.delete_rule(session, user.id, rule_id)


@router.get(
    "/push-targets",
    name="alerts-push-list",
    response_model=list[PushTargetState],
    responses=ERRORS,
)
async def list_push_targets(user: CurrentUser, session: Session, context: Context) -> Any:
    return await push_targets.list_targets(session, context.secret_box, user.id)


@router.post(
    "/push-targets",
    name="alerts-push-add",
    response_model=PushTargetState,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
)
async def add_push_target(
    body: PushTargetInput, user: CurrentUser, session: Session, context: Context
) -> Any:
    return await push_targets.add_target(session, context.secret_box, user.id, body)


@router.delete(
    "/push-targets/{target_id}",
    name="alerts-push-delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=ERRORS,
)
async def delete_push_target(target_id: TargetId, user: CurrentUser, session: Session) -> None:
    await push_targets.remove_target(session, user.id, target_id)


async def _tested(
    context: AppContext, session: AsyncSession, user: User, target_id: int | None
) -> TestResultOut:
    try:
        await delivery.send_test(context, session, user, target_id=target_id)
    except SendFailed as exc:
        return TestResultOut(sent=False, error=str(exc))
    return TestResultOut(sent=True)


@router.post(
    "/push-targets/{target_id}/test",
    name="alerts-push-test",
    response_model=TestResultOut,
    responses=TEST_ERRORS,
)
async def test_push_target(
    target_id: TargetId, user: CurrentUser, session: Session, context: Context
) -> Any:
    return await _tested(context, session, user, target_id)


@router.post(
    "/test/email", name="alerts-test-email", response_model=TestResultOut, responses=TEST_ERRORS
)
async def test_email(user: CurrentUser, session: Session, context: Context) -> Any:
    """Send a test e-mail to the account's address now; says why when it could not."""
    return await _tested(context, session, user, None)


@router.post(
    "/test/in-app",
    name="alerts-test-in-app",
    response_model=NotificationOut,
    responses=TEST_ERRORS,
)
async def test_in_app(user: CurrentUser, session: Session, context: Context) -> Any:
    """Add a test notification; the bell shows it without reloading."""
    await delivery.limit_tests(context, user.id)
    return NotificationOut.of(await notifications.add_test_notification(session, user.id, utcnow()))


@router.get(
    "/deliveries", name="alerts-deliveries", response_model=Page[DeliveryOut], responses=ERRORS
)
async def delivery_log(user: CurrentUser, session: Session, paging: Pagination) -> Any:
    rows, total = await notifications.delivery_log(
        session, user.id, offset=paging.offset, limit=paging.per_page
    )
    return Page[DeliveryOut].build([DeliveryOut.of(d, e) for d, e in rows], total, paging)


@router.post(
    "/unsubscribe", name="alerts-unsubscribe", response_model=UnsubscribedOut, responses=ERRORS
)
async def unsubscribe_rule(body: UnsubscribeIn, session: Session, context: Context) -> Any:
    """Switch off the rule an e-mail's signed link names, without signing in."""
    rule = await unsubscribe.unsubscribe(session, context.settings.jwt_secret, body.token)
    return UnsubscribedOut(rule_id=rule.id, rule_name=rule.name, is_active=rule.is_active)


@router.post(
    "/unsubscribe/one-click",
    name="alerts-unsubscribe-one-click",
    response_model=UnsubscribedOut,
    responses=ERRORS,
)
async def unsubscribe_one_click(
    session: Session,
    context: Context,
    token: Annotated[str, Query(max_length=200, description="The signed token of the link")],
) -> Any:
    """RFC 8058 one-click unsubscribe: mail clients POST here (the body, which says
    `List-Unsubscribe=One-Click`, is not read); the token is in the address."""
    rule = await unsubscribe.unsubscribe(session, context.settings.jwt_secret, token)
    return UnsubscribedOut(rule_id=rule.id, rule_name=rule.name, is_active=rule.is_active)
