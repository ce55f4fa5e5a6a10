"""`vinyldigger sandbox`: run the fake Discogs + eBay marketplace for demos and tests.

The sandbox package is imported inside the command only, so product code never loads it.
"""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def sandbox(
        *,
        port: Annotated[int, typer.Option(help="Port to listen on")] = 8765,
        host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
        seed: Annotated[int, typer.Option(help="Seed of the synthetic world")] = 1,
        size: Annotated[
            str, typer.Option(help="World size: small (tests), demo or large (benchmarks)")
        ] = "demo",
        start_date: Annotated[
            str | None, typer.Option(help="World start date, YYYY-MM-DD (default 2026-06-01)")
        ] = None,
        discogs_rate_limit: Annotated[
            int, typer.Option(help="Discogs requests per minute per client address")
        ] = 60,
        discogs_rate_limit_unauthenticated: Annotated[
            int, typer.Option(help="The same for requests without credentials")
        ] = 25,
        ebay_daily_call_limit: Annotated[
            int, typer.Option(help="eBay Browse calls per application per day")
        ] = 5000,
        advance_every_seconds: Annotated[
            float, typer.Option(help="Move the world on one step this often (0 = only on request)")
        ] = 0.0,
        latency_ms: Annotated[int, typer.Option(help="Added to every upstream answer")] = 0,
        error_rate: Annotated[float, typer.Option(help="Share of answers that are 5xx")] = 0.0,
        timeout_rate: Annotated[float, typer.Option(help="Share of requests that hang")] = 0.0,
        truncate_rate: Annotated[float, typer.Option(help="Share of bodies cut short")] = 0.0,
        timeout_hang_seconds: Annotated[
            float, typer.Option(help="How long a hanging request is held")
        ] = 120.0,
        fault_seed: Annotated[int, typer.Option(help="Seed of the fault generator")] = 0,
        warm_up: Annotated[
            bool, typer.Option(help="Build search indexes in the background at start")
        ] = True,
    ) -> None:
        """Serve the sandbox marketplace (Discogs, eBay, ECB rates) on one port."""
        from vinyldigger_sandbox.server import serve
        from vinyldigger_sandbox.settings import FaultSettings, SandboxSettings

        if size not in ("small", "demo", "large"):
            raise typer.BadParameter("size must be small, demo or large", param_hint="--size")
        values: dict[str, object] = {
            "host": host,
            "port": port,
            "seed": seed,
            "size": size,
            "discogs_rate_limit": discogs_rate_limit,
            "discogs_rate_limit_unauthenticated": discogs_rate_limit_unauthenticated,
            "ebay_daily_call_limit": ebay_daily_call_limit,
            "advance_every_seconds": advance_every_seconds,
            "faults": FaultSettings(
                latency_ms=latency_ms,
                error_rate=error_rate,
                timeout_rate=timeout_rate,
                truncate_rate=truncate_rate,
                timeout_hang_seconds=timeout_hang_seconds,
                fault_seed=fault_seed,
            ),
        }
        if start_date:
            values["start_date"] = start_date
        settings = SandboxSettings.model_validate(values)
        typer.echo(
            f"Sandbox marketplace ({settings.size}, seed {settings.seed}) on "
            f"http://{host}:{port} (see /sandbox/info)",
            err=True,
        )
        serve(settings, warm_up=warm_up)
