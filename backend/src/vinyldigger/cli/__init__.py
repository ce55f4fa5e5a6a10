"""The `vinyldigger` command line: one entry point, commands registered from sibling modules.

The command modules import only typer and the standard library at load time; each command
imports what it needs (the web app, the settings, the solver) when it runs. `vinyldigger --help`
and `vinyldigger optimize` therefore never load FastAPI, SQLAlchemy or the app's settings, and
help is plain text (rich formatting alone would take longer to import than the rest).
"""

from __future__ import annotations

import typer

from vinyldigger.cli import demo, optimize, sandbox, server, workers

app = typer.Typer(
    name="vinyldigger",
    help="VinylDigger: vinyl record discovery across Discogs and eBay.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

for module in (server, workers, optimize, sandbox, demo):
    module.register(app)
