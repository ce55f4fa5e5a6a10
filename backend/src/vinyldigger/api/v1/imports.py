"""The browser companion: import tokens (signed-in user) and imports (import token only)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, status

from vinyldigger.api.deps import BearerToken, Context, CurrentUser, Session
from vinyldigger.api.errors import ErrorResponse
from vinyldigger.api.pagination import Page, Pagination
from vinyldigger.api.params import ImportId, ImportTokenId
from vinyldigger.api.v1.import_shapes import (
    ImportDetail,
    ImportIn,
    ImportOut,
    ImportTokenCreated,
    ImportTokenIn,
    ImportTokenOut,
)
from vinyldigger.core.database import after_commit
from vinyldigger.core.errors import validation
from vinyldigger.models import ImportToken
from vinyldigger.models.base import utcnow
from vinyldigger.services.imports import queue as import_queue
from vinyldigger.services.imports import tokens as import_tokens

router = APIRouter(tags=["imports"])
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse},
    404: {"model": ErrorResponse},
    422: {"model": ErrorResponse},
}
IMPORT_ERRORS: dict[int | str, dict[str, Any]] = {**ERRORS, 429: {"model": ErrorResponse}}
READ_JOB = "read-imports"


async def _import_token(session: Session, token: BearerToken) -> ImportToken:
    return await import_tokens.authenticate(session, token, at=utcnow())


ImportCaller = Annotated[ImportToken, Depends(_import_token)]


@router.post(
    "/import-tokens",
    name="import-tokens-create",
    status_code=status.HTTP_201_CREATED,
    response_model=ImportTokenCreated,
    responses=ERRORS,
)
async def create_token(body: ImportTokenIn, user: CurrentUser, session: Session) -> Any:
    created = await import_tokens.create(session, user_id=user.id, name=body.name)
    return ImportTokenCreated(
        **ImportTokenOut.model_validate(created.row).model_dump(), token=created.secret
    )


@router.get(
    "/import-tokens",
    name="import-tokens-list",
    response_model=Page[ImportTokenOut],
    responses=ERRORS,
)
async def list_tokens(user: CurrentUser, session: Session, page: Pagination) -> Any:
    rows, total = await import_tokens.list_for(
        session, user_id=user.id, offset=page.offset, limit=page.per_page
    )
    return Page.build([ImportTokenOut.model_validate(row) for row in rows], total, page)


@router.delete(
    "/import-tokens/{token_id}",
    name="import-tokens-revoke",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=ERRORS,
)
async def revoke_token(token_id: ImportTokenId, user: CurrentUser, session: Session) -> None:
    await import_tokens.revoke(session, user_id=user.id, token_id=token_id)


@router.post(
    "/imports",
    name="imports-create",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=ImportOut,
    responses=IMPORT_ERRORS,
)
async def create_import(
    body: ImportIn, caller: ImportCaller, session: Session, context: Context
) -> Any:
    """Queue listing ids for reading through the Discogs API. Needs an import token
    (`Authorization: Bearer vdi_…`); it is the one endpoint such a token can call."""
    limit = context.settings.import_max_ids
    for name, ids in (("listing_ids", body.listing_ids), ("release_ids", body.release_ids)):
        if len(ids) > limit:
            raise validation(name, f"At most {limit} ids per import")
    created = await import_queue.create_import(
        session,
        user_id=caller.user_id,
        token_id=caller.id,
        listing_ids=body.listing_ids,
        release_ids=body.release_ids,
        max_pending=context.settings.import_max_pending,
        at=utcnow(),
    )
    dispatcher = context.dispatcher
    if dispatcher is not None and body.listing_ids:
        after_commit(session, lambda: dispatcher.enqueue(READ_JOB))
    return await import_queue.status_of(session, user_id=caller.user_id, import_id=created.id)


@router.get("/imports", name="imports-list", response_model=Page[ImportOut], responses=ERRORS)
async def list_imports(user: CurrentUser, session: Session, page: Pagination) -> Any:
    rows, total = await import_queue.history(
        session, user_id=user.id, offset=page.offset, limit=page.per_page
    )
    return Page.build([ImportOut.model_validate(row) for row in rows], total, page)


@router.get(
    "/imports/{import_id}", name="imports-get", response_model=ImportDetail, responses=ERRORS
)
async def get_import(import_id: ImportId, user: CurrentUser, session: Session) -> Any:
    return await import_queue.status_of(session, user_id=user.id, import_id=import_id)
