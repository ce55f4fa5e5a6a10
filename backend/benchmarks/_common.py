"""Helpers shared by the benchmark scripts: a scratch PostgreSQL database and result files."""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

RESULTS_DIR = Path(__file__).resolve().parent / "results"
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL",
    os.environ.get("TEST_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"),
)


def write_result(name: str, figures: dict[str, Any]) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    path.write_text(json.dumps(figures, indent=2, default=str) + "\n", encoding="utf-8")
    return path


@asynccontextmanager
async def scratch_postgres(name: str) -> AsyncIterator[str]:
    """A new, empty PostgreSQL database for one benchmark run; dropped afterwards."""
    base = make_url(DATABASE_URL).set(drivername="postgresql+asyncpg")
    admin_dsn = base.set(drivername="postgresql").render_as_string(hide_password=False)
    admin = await asyncpg.connect(admin_dsn)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        admin = await asyncpg.connect(admin_dsn)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()
