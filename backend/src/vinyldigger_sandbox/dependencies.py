"""The FastAPI dependency that hands routes the running sandbox."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from vinyldigger_sandbox.state import SandboxState


def get_state(request: Request) -> SandboxState:
    """The sandbox behind the app serving this request (set by `create_app`)."""
    state: SandboxState = request.app.state.sandbox
    return state


State = Annotated[SandboxState, Depends(get_state)]


def mounted_base(request: Request) -> str:
    """This API's base URL: host plus the prefix it is mounted under (e.g. /discogs)."""
    return f"{request.url.scheme}://{request.url.netloc}{request.scope.get('root_path', '')}"
