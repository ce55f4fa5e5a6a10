"""Id parameters bounded to what the database can hold, so the OpenAPI document states the
bounds and an id out of range is refused with 422 before any query runs.

VinylDigger's own rows have `Integer` primary keys, which PostgreSQL stores in 32 bits; Discogs
ids (releases, masters) are `BigInteger`. A larger number reaching the database driver would
fail there (a 500) instead of simply finding nothing. Discogs ids stop at 2^53-1 rather than
2^63-1: past it a JSON number is no longer exact in JavaScript (the web app) or in a double.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path
from pydantic import Field

ROW_ID_MAX = 2**31 - 1
DISCOGS_ID_MAX = 2**53 - 1


def _row_id(what: str) -> Any:
    return Path(ge=1, le=ROW_ID_MAX, description=f"The {what}'s id")


SearchId = Annotated[int, _row_id("saved search")]
RunId = Annotated[int, _row_id("run")]
MatchId = Annotated[int, _row_id("match")]
WantId = Annotated[int, _row_id("want")]
UserId = Annotated[int, _row_id("user")]
ImportTokenId = Annotated[int, _row_id("import token")]
ImportId = Annotated[int, _row_id("import")]
ReleaseId = Annotated[int, Path(ge=1, le=DISCOGS_ID_MAX, description="Discogs release id")]

# The same bounds inside request bodies.
DiscogsIdField = Annotated[int, Field(ge=1, le=DISCOGS_ID_MAX)]
