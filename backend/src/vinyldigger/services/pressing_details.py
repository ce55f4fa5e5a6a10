"""What a match's pressings are: label, catalog number, year, country and format words.

A result shows the release it was matched to and, for another pressing, the one its facts
name. Wanted and owned releases are in the catalogue (`releases`); the other versions of
their masters only in the stored version lists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.models import ListingMatch, Release
from vinyldigger.services.master_versions import versions_by_release


@dataclass(frozen=True)
class PressingDetails:
    release_id: int
    title: str
    label: str | None = None
    catno: str | None = None
    year: int | None = None
    country: str | None = None
    # Format names and descriptions in Discogs' words: "Vinyl", "LP", "Reissue", "180 Gram".
    descriptions: list[str] = field(default_factory=list)


def _unique(words: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(word for word in words if word))


async def pressing_details(
    session: AsyncSession, matches: Iterable[ListingMatch]
) -> dict[int, PressingDetails]:
    """Details of every release the matches name (matched and named other pressings), by id;
    two queries whatever the number of matches."""
    ids: set[int] = set()
    for match in matches:
        ids.update(i for i in (match.release_id, match.pressing_release_id) if i is not None)
    if not ids:
        return {}
    details: dict[int, PressingDetails] = {}
    # Want lists and collections do not say a release's country; version lists do.
    versions = await versions_by_release(session, ids)
    for release in await session.scalars(select(Release).where(Release.id.in_(sorted(ids)))):
        label = release.labels[0] if release.labels else {}
        version = versions.get(release.id)
        details[release.id] = PressingDetails(
            release_id=release.id,
            title=release.title,
            label=label.get("name") or (version.label if version else None),
            catno=label.get("catno") or (version.catno if version else None),
            year=release.year or (version.year if version else None),
            country=release.country or (version.country if version else None),
            descriptions=_unique(release.formats),
        )
    for release_id, version in versions.items():
        if release_id in details:
            continue
        details[release_id] = PressingDetails(
            release_id=release_id,
            title=version.title,
            label=version.label,
            catno=version.catno,
            year=version.year,
            country=version.country,
            descriptions=_unique([*version.major_formats, *version.formats]),
        )
    return details
