"""Marketplace credentials: write-only secrets, read back as masked state."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, status
from pydantic import BaseModel

from vinyldigger.api.deps import Context, CurrentUser, Session
from vinyldigger.api.errors import ErrorResponse
from vinyldigger.core.errors import validation
from vinyldigger.services import credentials as credential_service
from vinyldigger.services.credentials import (
    CREDENTIAL_MODELS,
    CredentialState,
    DiscogsCredentials,
    EbayCredentials,
    Service,
)

router = APIRouter(prefix="/credentials", tags=["credentials"])
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse},
    404: {"model": ErrorResponse},
    422: {"model": ErrorResponse},
}


class CredentialList(BaseModel):
    items: list[CredentialState]


@router.get("", name="credentials-list", response_model=CredentialList, responses=ERRORS)
async def list_credentials(user: CurrentUser, session: Session, context: Context) -> Any:
    return CredentialList(
        items=await credential_service.list_states(session, context.secret_box, user)
    )


@router.get("/{service}", name="credentials-get", response_model=CredentialState, responses=ERRORS)
async def get_credentials(
    service: Service, user: CurrentUser, session: Session, context: Context
) -> Any:
    return await credential_service.get_state(session, context.secret_box, user, service)


@router.put("/{service}", name="credentials-put", response_model=CredentialState, responses=ERRORS)
async def put_credentials(
    service: Service,
    body: Annotated[DiscogsCredentials | EbayCredentials, Body()],
    user: CurrentUser,
    session: Session,
    context: Context,
) -> Any:
    if not isinstance(body, CREDENTIAL_MODELS[service]):
        expected = ", ".join(CREDENTIAL_MODELS[service].model_fields)
        raise validation("body", f"{service.value} credentials need the fields: {expected}")
    return await credential_service.store(session, context.secret_box, user, service, body)


@router.delete(
    "/{service}",
    name="credentials-delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=ERRORS,
)
async def delete_credentials(service: Service, user: CurrentUser, session: Session) -> None:
    await credential_service.remove(session, user, service)
