"""Marketplace credentials: write-only secrets, read back as masked state."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, status
from pydantic import BaseModel, SecretStr, ValidationError

from vinyldigger.api.deps import Context, CurrentUser, Session
from vinyldigger.api.errors import ErrorResponse
from vinyldigger.core.errors import AppError, FieldError
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


def _parse_for_service(service: Service, raw: object) -> DiscogsCredentials | EbayCredentials:
    """Validate against the model of the service in the path, so errors name its fields."""
    try:
        return CREDENTIAL_MODELS[service].model_validate(raw)
    except ValidationError as exc:
        fields = [
            FieldError(
                ".".join(str(p) for p in e["loc"]) or "body",
                str(e["msg"]).removeprefix("Value error, "),
            )
            for e in exc.errors()
        ]
        raise AppError(
            "; ".join(f"{f.field}: {f.message}" for f in fields),
            status_code=422,
            code="validation_error",
            fields=fields,
        ) from None


def _plain(body: BaseModel | dict[str, Any]) -> dict[str, Any]:
    if isinstance(body, dict):
        return body
    values = body.model_dump(exclude_none=True)
    return {k: v.get_secret_value() if isinstance(v, SecretStr) else v for k, v in values.items()}


# The body schema documents both services; anything else still reaches the handler (the
# trailing dict) so it is judged against the service named in the path.
CredentialsBody = Annotated[DiscogsCredentials | EbayCredentials | dict[str, Any], Body()]


@router.put("/{service}", name="credentials-put", response_model=CredentialState, responses=ERRORS)
async def put_credentials(
    service: Service,
    body: CredentialsBody,
    user: CurrentUser,
    session: Session,
    context: Context,
) -> Any:
    credentials = _parse_for_service(service, _plain(body))
    return await credential_service.store(session, context.secret_box, user, service, credentials)


@router.delete(
    "/{service}",
    name="credentials-delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=ERRORS,
)
async def delete_credentials(service: Service, user: CurrentUser, session: Session) -> None:
    await credential_service.remove(session, user, service)
