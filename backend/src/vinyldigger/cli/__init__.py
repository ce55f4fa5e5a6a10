"""The `vinyldigger` command line: one entry point, commands registered from sibling modules."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="vinyldigger",
    help="VinylDigger: vinyl record discovery across Discogs and eBay.",
    no_args_is_help=True,
    add_completion=False,
)


def _register_commands() -> None:
    # Each module adds its own commands; keeping them apart keeps this file small.
    from vinyldigger.cli import server

    server.register(app)
    for optional in ("optimize", "sandbox"):
        try:
            module = __import__(f"vinyldigger.cli.{optional}", fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name != f"vinyldigger.cli.{optional}":
                raise
            continue
        module.register(app)


_register_commands()
