"""`python -m vinyldigger_sandbox [options]`: the same command as `vinyldigger sandbox`."""

from __future__ import annotations

import typer

from vinyldigger.cli.sandbox import register

app = typer.Typer(add_completion=False)
register(app)

if __name__ == "__main__":
    app()
