"""Commands that run the app: run (embedded), api, migrate, create-admin, openapi."""

from __future__ import annotations

import asyncio
import json
import sys
import threading
import time
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from vinyldigger.core.config import Settings

# The app, its settings and the HTTP client are imported by the commands that use them, so that
# `vinyldigger --help` and the commands that need none of them start quickly.


def _settings_or_exit() -> Settings:
    from vinyldigger.core.config import ConfigurationError, get_settings
    from vinyldigger.core.logging import configure_logging

    try:
        settings = get_settings()
    except ConfigurationError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    configure_logging(settings.log_level, settings.log_format)
    return settings


READY_WAIT_SECONDS = 300.0


def wait_until_ready(url: str, timeout: float = READY_WAIT_SECONDS) -> bool:
    """Poll `url`/health/ready until it answers 200; False when it never does in time."""
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            answer = httpx.get(f"{url}/health/ready", timeout=2, trust_env=False)
            if answer.status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    return False


def ready_banner(url: str, note: str | None) -> str:
    lines = [f"VinylDigger is ready: {url}/", *(note.splitlines() if note else [])]
    return "\n" + "\n".join(f"  {line}" for line in lines) + "\n"


def _announce_when_ready(url: str, note: str | None) -> None:
    """Print the address (and the note) once the app answers, after the start-up lines, so
    they are the last thing on the terminal rather than scrolled away."""

    def announce() -> None:
        if wait_until_ready(url):
            typer.echo(ready_banner(url, note), err=True)

    threading.Thread(target=announce, name="ready-banner", daemon=True).start()


def _serve(
    settings: Settings,
    *,
    run_jobs: bool,
    port: int | None,
    host: str | None,
    ready_note: str | None = None,
) -> None:
    import uvicorn

    from vinyldigger.api.app import create_app
    from vinyldigger.api.proxies import behind_trusted_proxies

    app = behind_trusted_proxies(create_app(settings, run_jobs=run_jobs), settings)
    served_host = host or settings.host
    shown_host = "127.0.0.1" if served_host in ("0.0.0.0", "::") else served_host  # noqa: S104
    if settings.log_format == "console":
        # JSON logs go to a collector, where a plain-text banner would be a malformed line.
        _announce_when_ready(f"http://{shown_host}:{port or settings.port}", ready_note)
    uvicorn.run(
        app,
        host=host or settings.host,
        port=port or settings.port,
        # Forwarded headers are applied by behind_trusted_proxies, from configured proxies only.
        proxy_headers=False,
        log_config=None,
        timeout_graceful_shutdown=10,
    )


def register(app: typer.Typer) -> None:
    @app.command()
    def run(
        port: Annotated[int | None, typer.Option(help="Port (default VINYLDIGGER_PORT)")] = None,
        host: Annotated[str | None, typer.Option(help="Interface to listen on")] = None,
        ready_note: Annotated[
            str | None, typer.Option(help="Printed under the address once the app answers")
        ] = None,
    ) -> None:
        """Run everything in one process: API, web app, job runner and scheduler."""
        settings = _settings_or_exit()
        typer.echo(
            f"VinylDigger ({settings.mode.value}) starting; data in {settings.data_dir.resolve()}",
            err=True,
        )
        _serve(settings, run_jobs=True, port=port, host=host, ready_note=ready_note)

    @app.command()
    def api(
        port: Annotated[int | None, typer.Option(help="Port (default VINYLDIGGER_PORT)")] = None,
        host: Annotated[str | None, typer.Option(help="Interface to listen on")] = None,
    ) -> None:
        """Serve the API only (distributed mode: jobs run in `vinyldigger worker`)."""
        from vinyldigger.core.config import RunMode

        settings = _settings_or_exit()
        _serve(settings, run_jobs=settings.mode is RunMode.EMBEDDED, port=port, host=host)

    @app.command()
    def migrate(
        revision: Annotated[str, typer.Argument(help="Target revision")] = "head",
    ) -> None:
        """Apply database migrations up to REVISION."""
        from vinyldigger.core.migrations import upgrade

        settings = _settings_or_exit()
        upgrade(settings.effective_database_url, revision)
        typer.echo(f"database at {revision}", err=True)

    _register_admin(app)


def _register_admin(app: typer.Typer) -> None:
    @app.command("create-admin")
    def create_admin(
        email: str,
        password: Annotated[
            str | None,
            typer.Option(
                envvar="VINYLDIGGER_ADMIN_PASSWORD",
                help="Password when the account does not exist yet",
            ),
        ] = None,
    ) -> None:
        """Give EMAIL administrator rights (creating the account if a password is given)."""
        from vinyldigger.core.config import RunMode
        from vinyldigger.core.context import AppContext
        from vinyldigger.core.database import unit_of_work
        from vinyldigger.core.errors import AppError
        from vinyldigger.core.migrations import upgrade
        from vinyldigger.services.users import find_by_email, grant_admin

        settings = _settings_or_exit()
        if settings.mode is RunMode.EMBEDDED:
            upgrade(settings.effective_database_url)

        async def apply() -> tuple[str, bool]:
            context = AppContext.build(settings)
            try:
                secret = password
                async with unit_of_work(context.session_factory) as session:
                    if secret is None and await find_by_email(session, email) is None:
                        secret = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
                    user, created = await grant_admin(session, email, secret)
                    return user.email, created
            finally:
                await context.close()

        try:
            address, created = asyncio.run(apply())
        except AppError as exc:
            typer.echo(f"error: {exc.message}", err=True)
            raise typer.Exit(2) from exc
        typer.echo(f"{address} is an administrator{' (account created)' if created else ''}")

    @app.command()
    def openapi() -> None:
        """Print the OpenAPI document (used to generate the web client)."""
        from vinyldigger.api.app import create_app
        from vinyldigger.core.config import Settings
        from vinyldigger.core.logging import configure_logging

        configure_logging("WARNING")
        document = create_app(Settings()).openapi()
        sys.stdout.write(json.dumps(document, indent=2, sort_keys=False) + "\n")
