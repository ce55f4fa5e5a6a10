"""What the matcher returns and what it is told: typed, frozen, and JSON-ready for storage.

A result makes one of three claims about the pressing (`pressing`):
- "same": the listing is this very release (barcode, or the title's facts single it out from
  every known pressing of the master);
- "undetermined": the listing is a pressing of this release's master, and nothing in it tells
  which pressing; `release_id` is the closest candidate;
- "other": the listing is a pressing of this release's master, but its facts (year, format,
  country, label, catalog number) contradict this release, so it is another pressing.
`confidence` is how sure the matcher is of that claim, not of the release alone.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

from vinyldigger.services.marketplaces.dto import Listing
from vinyldigger.services.marketplaces.grades import Grade

# "release_id": a Discogs listing names its release; "confirmed": a user said so.
MatchMethod = Literal["release_id", "barcode", "catalog_number", "fuzzy", "confirmed"]
Confidence = Literal["high", "low"]
PressingVerdict = Literal["same", "undetermined", "other"]
DecisionVerdict = Literal["confirmed", "rejected"]
# How one fact stated in the listing compares with the release: it agrees, it contradicts, or
# the listing does not state it (or the release does not record it).
FieldCheck = Literal["match", "conflict", "absent"]


class MatchModel(BaseModel):
    model_config = ConfigDict(frozen=True)


# Kinds of pressing facts a listing can state ("catalog_number": "PCS 7027", "reissue": "RE").
PressingFactKind = Literal[
    "catalog_number",
    "label",
    "country",
    "year",
    "reissue",
    "original",
    "picture_disc",
    "coloured",
    "weight",
    "half_speed",
    "channels",
    "promo",
    "matrix",
    "format",
]


class PressingFact(MatchModel):
    """One fact about the pressing read from the listing, as the listing wrote it."""

    kind: PressingFactKind
    value: str


class RuledOutPressing(MatchModel):
    """A version of the master that a stated fact contradicts, and that fact."""

    release_id: int
    reason: str


class MatchEvidence(MatchModel):
    """Why the matcher proposed a release, in a form a user can read back later."""

    # 0-1 similarity of the best-aligned stretch of the listing to the artist and to the title.
    artist_score: float = 0.0
    title_score: float = 0.0
    # Listing words that matched the artist and the title, as written in the listing.
    artist_words: tuple[str, ...] = ()
    title_words: tuple[str, ...] = ()
    # Listing words explained by nothing: neither artist, title, label, nor the usual noise
    # ("LP", "VG+", "1st press"). Many of them hint at a different record.
    unexplained_words: tuple[str, ...] = ()
    # An unexplained word directly next to the title ("Tiger Mountain" for "Tiger").
    title_extended: bool = False
    label: FieldCheck = "absent"
    year: FieldCheck = "absent"
    format: FieldCheck = "absent"
    country: FieldCheck = "absent"
    catalog_number: FieldCheck = "absent"
    barcode: FieldCheck = "absent"
    # Words such as "poster", "lot" or "sleeve only": the listing is probably not this record.
    not_a_record: bool = False
    # Pressing facts the listing states, and the master's versions they rule out.
    facts: tuple[PressingFact, ...] = ()
    ruled_out: tuple[RuledOutPressing, ...] = ()


class MatchResult(MatchModel):
    listing_key: str
    release_id: int
    master_id: int | None = None
    pressing: PressingVerdict = "undetermined"
    score: float = Field(ge=0.0, le=1.0)
    confidence: Confidence
    method: MatchMethod
    evidence: MatchEvidence = Field(default_factory=MatchEvidence)
    # With pressing "other": the version of the master the listing is, when its facts single
    # one out; None when they only rule this release out.
    pressing_release_id: int | None = None
    # Grades the listing states (aspects or title); None when it states none.
    media_grade: Grade | None = None
    sleeve_grade: Grade | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def release_certain(self) -> bool:
        """The listing is this release itself, not only a pressing of the same master."""
        return self.pressing == "same"


class MatchDecision(MatchModel):
    """A user's answer about one proposed pair; the matcher honours it from then on."""

    listing_key: str
    release_id: int
    verdict: DecisionVerdict


def listing_key(listing: Listing) -> str:
    """The stable key decisions are stored under: platform and the marketplace's own id."""
    return f"{listing.platform}:{listing.listing_id}"
