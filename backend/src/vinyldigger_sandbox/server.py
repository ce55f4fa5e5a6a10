"""Running the sandbox: in a background thread for tests, or in the foreground for the CLI."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import uvicorn
from fastapi import FastAPI

from vinyldigger_sandbox.app import create_app, sandbox_state
from vinyldigger_sandbox.settings import SandboxSettings
from vinyldigger_sandbox.state import SandboxState

STARTUP_TIMEOUT_SECONDS = 60.0


@dataclass(slots=True)
class RunningSandbox:
    """A sandbox serving on a real socket; `base_url` is e.g. http://127.0.0.1:54321."""

    base_url: str
    app: FastAPI
    server: uvicorn.Server
    thread: threading.Thread

    @property
    def state(self) -> SandboxState:
        return sandbox_state(self.app)

    @property
    def discogs_base_url(self) -> str:
        return f"{self.base_url}/discogs"

    @property
    def ebay_base_url(self) -> str:
        return f"{self.base_url}/ebay"

    @property
    def fx_url(self) -> str:
        return f"{self.base_url}/fx/eurofxref-daily.xml"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def start_sandbox(
    settings: SandboxSettings | None = None, *, host: str = "127.0.0.1", port: int = 0
) -> RunningSandbox:
    """Start a sandbox in a daemon thread and return once it accepts connections.

    `port=0` picks a free port; the socket is bound before the server starts, so two
    sandboxes started at once cannot race for the same port.
    """
    app = create_app(settings)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    bound_port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on", timeout_graceful_shutdown=1)
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, daemon=True, name=f"sandbox-{bound_port}"
    )
    thread.start()
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("The sandbox server did not start.")
        time.sleep(0.01)
    return RunningSandbox(f"http://{host}:{bound_port}", app, server, thread)


@contextlib.contextmanager
def running_sandbox(settings: SandboxSettings | None = None) -> Iterator[RunningSandbox]:
    """`with running_sandbox(settings) as sandbox:` for fixtures; stops on exit."""
    sandbox = start_sandbox(settings)
    try:
        yield sandbox
    finally:
        sandbox.stop()


def serve(settings: SandboxSettings, warm_up: bool = True) -> None:
    """Serve in the foreground (the `vinyldigger sandbox` command)."""
    app = create_app(settings)
    if warm_up:
        # Search indexes build in the background so the port opens at once.
        threading.Thread(target=sandbox_state(app).world.warm_up, daemon=True).start()
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")
