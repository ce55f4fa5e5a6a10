"""What the import endpoints take and answer: import tokens and the companion's imports."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from vinyldigger.api.params import DiscogsIdField

# The schema's hard ceiling; VINYLDIGGER_IMPORT_MAX_IDS may set a lower one.
MAX_IDS_PER_IMPORT = 5000


class ImportTokenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, Field(min_length=1, max_length=100)]


class ImportTokenOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    # The token's last four characters.
    hint: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class ImportTokenCreated(ImportTokenOut):
    # Shown this once; only a digest is kept.
    token: str


class ImportIn(BaseModel):
    """Only ids: the companion never sends anything else from the page."""

    model_config = ConfigDict(extra="forbid")

    listing_ids: Annotated[list[DiscogsIdField], Field(max_length=MAX_IDS_PER_IMPORT)] = []
    release_ids: Annotated[list[DiscogsIdField], Field(max_length=MAX_IDS_PER_IMPORT)] = []


class ImportCounts(BaseModel):
    queued: int = 0
    reading: int = 0
    stored: int = 0
    not_found: int = 0
    not_for_sale: int = 0
    not_wanted: int = 0
    failed: int = 0


class ImportOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    created_at: datetime
    finished_at: datetime | None
    done: bool
    # Listing ids sent (after duplicates were dropped) and release ids the page named.
    listings: int
    releases: int
    counts: ImportCounts
    # Discogs sellers of the wanted listings read so far.
    seller_names: list[str]


class ImportDetail(ImportOut):
    """An import with the ids that were not stored, by reason (up to 100 of each)."""

    not_found: list[str]
    not_for_sale: list[str]
    not_wanted: list[str]
    failed: list[str]
