"""`demo-setup`: an account already linked to the sandbox's demo user, for `make demo`."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from vinyldigger.core.config import Settings

DEMO_EMAIL = "demo@vinyldigger.example"
DEMO_PASSWORD = "crate-digging-demo"  # noqa: S105 - the published password of a local demo
SANDBOX_USER = "demo"
WELCOME_FILE = "welcome.txt"

# Every setting that names an upstream address, and the /sandbox/info field that replaces it:
# a demo or test stack must not reach the real Discogs, eBay or ECB by omission.
UPSTREAM_SETTINGS = {
    "VINYLDIGGER_DISCOGS_BASE_URL": "discogs_base_url",
    "VINYLDIGGER_DISCOGS_WEB_URL": "discogs_web_base_url",
    "VINYLDIGGER_EBAY_BASE_URL": "ebay_base_url",
    "VINYLDIGGER_EBAY_AUTH_URL": "ebay_auth_base_url",
    "VINYLDIGGER_FX_URL": "fx_url",
}


def _sandbox_info(url: str, wait_seconds: float) -> dict[str, Any]:
    # The HTTP client, the app's settings and pydantic are imported by the commands that use
    # them, so that the rest of the command line starts quickly.
    import httpx

    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            info: dict[str, Any] = httpx.get(f"{url}/sandbox/info", timeout=5).json()
            return info
        except (httpx.HTTPError, ValueError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def upstream_environment(info: dict[str, Any]) -> dict[str, str]:
    """The upstream address settings that point an instance at the sandbox of `info`."""
    return {setting: str(info[field]) for setting, field in UPSTREAM_SETTINGS.items()}


def demo_environment(info: dict[str, Any], data_dir: Path) -> dict[str, str]:
    demo = next(user for user in info["users"] if user["username"] == SANDBOX_USER)
    return {
        "VINYLDIGGER_DATA_DIR": str(data_dir.resolve()),
        **upstream_environment(info),
        "VINYLDIGGER_DISCOGS_CONSUMER_KEY": demo["discogs_consumer_key"],
        "VINYLDIGGER_DISCOGS_CONSUMER_SECRET": demo["discogs_consumer_secret"],
    }


async def _prepare_account(
    settings: Settings, info: dict[str, Any], email: str, password: str
) -> None:
    from pydantic import SecretStr

    from vinyldigger.core.context import AppContext
    from vinyldigger.core.database import unit_of_work
    from vinyldigger.models.base import utcnow
    from vinyldigger.services import auth as auth_service
    from vinyldigger.services import credentials as credential_service
    from vinyldigger.services import discogs_account
    from vinyldigger.services import runs as run_service
    from vinyldigger.services import searches as search_service
    from vinyldigger.services.searches import SearchCriteria, SearchInput
    from vinyldigger.services.sync import SyncKind
    from vinyldigger.services.users import find_by_email

    demo = next(user for user in info["users"] if user["username"] == SANDBOX_USER)
    context = AppContext.build(settings)
    try:
        async with unit_of_work(context.session_factory) as session:
            user = await find_by_email(session, email)
            if user is None:
                user = await auth_service.register(
                    session,
                    context.rate_limiter,
                    settings,
                    email=email,
                    password=password,
                    client_ip="127.0.0.1",
                )
        # Linking calls Discogs, which happens before its unit of work writes anything.
        async with unit_of_work(context.session_factory) as session:
            user = await session.merge(user, load=False)
            await discogs_account.link_with_token(
                session, context, user, SecretStr(demo["discogs_personal_token"])
            )
            await credential_service.store(
                session,
                context.secret_box,
                user,
                credential_service.Service.EBAY,
                credential_service.EbayCredentials(
                    client_id=demo["ebay_client_id"],
                    client_secret=SecretStr(demo["ebay_client_secret"]),
                    buyer_country=demo["country"],
                    buyer_postal_code=demo["postal_code"],
                ),
            )
            if not (
                await search_service.list_page(session, user_id=user.id, offset=0, limit=1)
            ).items:
                search = await search_service.create(
                    session,
                    user_id=user.id,
                    data=SearchInput(
                        name="Everything on my want list",
                        criteria=SearchCriteria(
                            want_list=True, currency=demo["currency"], any_pressing=True
                        ),
                        check_interval_hours=6,
                    ),
                )
                # The scheduler starts it a minute from now, once the want list is synced.
                search.next_run_at = utcnow() + timedelta(minutes=1)
            for kind in SyncKind:
                if (
                    await run_service.active_run(session, user_id=user.id, kind=kind.run_kind)
                    is None
                ):
                    # Queued runs are picked up by `vinyldigger run` when it starts.
                    await run_service.create_run(session, user_id=user.id, kind=kind.run_kind)
    finally:
        await context.close()


def register(app: typer.Typer) -> None:
    @app.command("demo-setup")
    def demo_setup(
        sandbox_url: Annotated[str, typer.Option(help="Base URL of a running sandbox")] = (
            "http://127.0.0.1:8765"
        ),
        data_dir: Annotated[Path, typer.Option(help="Data directory of the demo")] = Path(
            "data/demo"
        ),
        env_file: Annotated[Path, typer.Option(help="Where to write the demo's settings")] = (
            Path("data/demo/demo.env")
        ),
        email: str = DEMO_EMAIL,
        password: str = DEMO_PASSWORD,
    ) -> None:
        """Point an embedded instance at the sandbox and link a demo account to it."""
        from pydantic import SecretStr

        from vinyldigger.core.config import Settings, prepare_settings
        from vinyldigger.core.logging import configure_logging
        from vinyldigger.core.migrations import upgrade

        # Setting up says what it did in its last line; only problems are worth a log line.
        configure_logging("WARNING", "console")

        info = _sandbox_info(sandbox_url.rstrip("/"), wait_seconds=60)
        environment = demo_environment(info, data_dir)
        data_dir.mkdir(parents=True, exist_ok=True)
        env_file.parent.mkdir(parents=True, exist_ok=True)
        env_file.write_text(
            "".join(f"{key}={value}\n" for key, value in environment.items()), encoding="utf-8"
        )
        settings = prepare_settings(
            Settings.model_validate(
                {
                    key: SecretStr(v) if "SECRET" in key or "KEY" in key else v
                    for key, v in environment.items()
                }
            )
        )
        upgrade(settings.effective_database_url)
        asyncio.run(_prepare_account(settings, info, email, password))
        welcome = f"Demo account: {email} / password: {password}"
        # `make demo` prints it again once the app answers, below the start-up lines.
        (data_dir / WELCOME_FILE).write_text(welcome + "\n", encoding="utf-8")
        typer.echo(welcome)

    @app.command("sandbox-env")
    def sandbox_env(
        sandbox_url: Annotated[str, typer.Option(help="Base URL of a running sandbox")] = (
            "http://127.0.0.1:8765"
        ),
    ) -> None:
        """Print, as JSON, the upstream address settings that aim an instance at the sandbox."""
        info = _sandbox_info(sandbox_url.rstrip("/"), wait_seconds=60)
        typer.echo(json.dumps(upstream_environment(info)))
