"""Real marketplace titles paired with the record they are, for the real-title evaluation.

The set lives in benchmarks/data/matching_real/ (README there lists the sources):
`wants.jsonl` holds the wanted releases and their master's other versions, `titles.jsonl`
the titles, each with what it really is. A want without a Discogs id gets a local id (and a
local master id), so the matcher can group its versions; nothing about Discogs is claimed.

Figures (all over high-confidence results, the ones the app acts on):
- release_precision: claims of "this pressing" (verdict "same") naming the true release.
- album_recall: titles of a wanted album whose result names that album, any verdict.
- pressing_recall: titles stating enough to tell the pressing (labelled so) whose result
  names the true pressing: "same" on it, or "other" pointing at it.
- non_record_false_positive_rate: titles of no vinyl record (CD, poster...) that got a result.
- other_album_false_positive_rate: records of another album that got a result.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from vinyldigger.services.marketplaces.dto import (
    LabelRef,
    Listing,
    MasterVersion,
    Money,
    ReleaseSummary,
    SellerRef,
)
from vinyldigger.services.matching import Matcher, MatchResult

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "matching_real"
_LOCAL_MASTER_BASE = 1_000_000_000
TitleKind = Literal["record", "not_record", "other_album"]


@dataclass(frozen=True, slots=True)
class RealTitle:
    listing: Listing
    kind: TitleKind
    release_id: int | None
    master_id: int | None
    # The true release, when the pairing is certain down to the pressing.
    true_release_id: int | None
    states_pressing: bool


@dataclass(frozen=True, slots=True)
class RealSet:
    wants: list[ReleaseSummary]
    versions: dict[int, list[MasterVersion]]
    titles: list[RealTitle]


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def load(data: Path = DATA) -> RealSet:
    wants: list[ReleaseSummary] = []
    versions: dict[int, list[MasterVersion]] = {}
    by_key: dict[str, ReleaseSummary] = {}
    for number, entry in enumerate(_lines(data / "wants.jsonl"), start=1):
        release_id = entry.get("discogs_release_id") or number
        master_id = entry.get("discogs_master_id") or _LOCAL_MASTER_BASE + number
        label = entry.get("label")
        release = ReleaseSummary(
            release_id=release_id,
            master_id=master_id,
            title=entry["title"],
            artists=[entry["artist"]],
            labels=[LabelRef(name=label, catno=entry.get("catno"))] if label else [],
            formats=entry["formats"],
            year=entry.get("year"),
            country=entry.get("country"),
        )
        wants.append(release)
        by_key[entry["key"]] = release
        if entry["versions"]:
            versions[master_id] = [MasterVersion.model_validate(v) for v in entry["versions"]]
    titles = []
    for number, entry in enumerate(_lines(data / "titles.jsonl"), start=1):
        want = by_key.get(entry["want"]) if entry.get("want") else None
        titles.append(
            RealTitle(
                listing=Listing(
                    platform="ebay",
                    listing_id=f"real-{number}",
                    title=entry["title"],
                    price=Money(amount=Decimal("1.00"), currency="USD"),
                    seller=SellerRef(username="real"),
                    url=entry["source"],
                    format_text=entry.get("format_text"),
                    category=entry.get("category"),
                ),
                kind=entry["kind"],
                release_id=want.release_id if want else None,
                master_id=want.master_id if want else None,
                true_release_id=entry.get("true_release_id"),
                states_pressing=bool(entry.get("states_pressing")),
            )
        )
    return RealSet(wants, versions, titles)


def _rate(hits: int, total: int) -> float | None:
    """hits / total, or None when the set holds no case to measure (never a flattering 1.0)."""
    return round(hits / total, 4) if total else None


def evaluate(real: RealSet, results: Sequence[MatchResult | None]) -> dict[str, Any]:
    claims = right_claims = albums = albums_found = pressings = pressings_found = 0
    non_records = non_record_hits = other_albums = other_album_hits = 0
    wrong: list[str] = []
    missed: list[str] = []
    for case, result in zip(real.titles, results, strict=True):
        high = result if result is not None and result.confidence == "high" else None
        if case.kind == "not_record":
            non_records += 1
            non_record_hits += high is not None
            if high is not None:
                wrong.append(case.listing.title)
            continue
        if case.kind == "other_album":
            other_albums += 1
            other_album_hits += high is not None
            if high is not None:
                wrong.append(case.listing.title)
            continue
        albums += 1
        found = high is not None and high.master_id == case.master_id
        albums_found += found
        if not found:
            missed.append(case.listing.title)
        if high is not None and high.pressing == "same":
            claims += 1
            right = case.true_release_id is not None and high.release_id == case.true_release_id
            right_claims += right
            if not right:
                wrong.append(case.listing.title)
        if case.states_pressing and case.true_release_id is not None:
            pressings += 1
            pressings_found += high is not None and (
                (high.pressing == "same" and high.release_id == case.true_release_id)
                or (high.pressing == "other" and high.pressing_release_id == case.true_release_id)
            )
    return {
        "titles": len(real.titles),
        "release_precision": _rate(right_claims, claims),
        "album_recall": _rate(albums_found, albums),
        "pressing_recall": _rate(pressings_found, pressings),
        "non_record_false_positive_rate": _rate(non_record_hits, non_records),
        "other_album_false_positive_rate": _rate(other_album_hits, other_albums),
        "counts": {
            "record_titles": albums,
            "same_pressing_claims": claims,
            "titles_stating_the_pressing": pressings,
            "not_record_titles": non_records,
            "other_album_titles": other_albums,
            "wants": len(real.wants),
            "wants_with_versions": len(real.versions),
        },
        "wrong_examples": wrong[:20],
        "missed_examples": missed[:20],
    }


def run(real: RealSet | None = None) -> dict[str, Any]:
    real = real or load()
    matcher = Matcher(real.wants, real.versions)
    return evaluate(real, matcher.match_many(case.listing for case in real.titles))
