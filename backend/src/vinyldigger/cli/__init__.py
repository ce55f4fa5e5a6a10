"""The `vinyldigger` command line: one entry point, commands registered from sibling modules."""

from __future__ import annotations

import typer

from vinyldigger.cli import demo, optimize, sandbox, server, workers

app = typer.Typer(
    name="vinyldigger",
    help="VinylDigger: vinyl record discovery across Discogs and eBay.",
    no_args_is_help=True,
    add_completion=False,
)

for module in (server, workers, optimize, sandbox, demo):
    module.register(app)
