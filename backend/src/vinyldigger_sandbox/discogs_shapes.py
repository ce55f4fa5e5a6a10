"""Catalog objects in Discogs' JSON shapes: releases, masters, versions, search results."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from vinyldigger_sandbox.catalog import (
    KIND_7INCH,
    KIND_12INCH,
    KIND_CASSETTE,
    KIND_CD,
    Artist,
    Catalog,
    Label,
    Master,
    Release,
)
from vinyldigger_sandbox.clock import discogs_timestamp
from vinyldigger_sandbox.naming import song_title, spaced_barcode
from vinyldigger_sandbox.rng import derive_rng

_ABBREVIATIONS = {
    "Reissue": "RE",
    "Remastered": "RM",
    "Limited Edition": "Ltd",
    "180 Gram": "180",
    "Maxi-Single": "Maxi",
    "33 ⅓ RPM": "33 ⅓ RPM",
}
_CATALOG_EPOCH = datetime(2004, 4, 30, 15, 10, 5, tzinfo=UTC)
_WEIGHT_GRAMS = {KIND_7INCH: 60, KIND_12INCH: 230, KIND_CD: 85, KIND_CASSETTE: 60}


@dataclass(frozen=True, slots=True)
class Links:
    """Absolute bases for the URLs inside answers, taken from the request's host."""

    api: str
    web: str
    images: str
    with_images: bool

    def image(self, kind: str, entity_id: int, size: int) -> str:
        return f"{self.images}/{kind}/{entity_id}-{size}.svg" if self.with_images else ""


def slug(*parts: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", " ".join(parts)).strip("-")


def artist_ref(artist: Artist, links: Links) -> dict[str, Any]:
    return {
        "name": artist.name,
        "anv": "",
        "join": "",
        "role": "",
        "tracks": "",
        "id": artist.id,
        "resource_url": f"{links.api}/artists/{artist.id}",
    }


def label_ref(label: Label, catno: str, links: Links) -> dict[str, Any]:
    return {
        "name": label.name,
        "catno": catno,
        "entity_type": "1",
        "entity_type_name": "Label",
        "id": label.id,
        "resource_url": f"{links.api}/labels/{label.id}",
    }


def formats(release: Release) -> list[dict[str, Any]]:
    entry: dict[str, Any] = {
        "name": release.format_name,
        "qty": str(release.quantity),
        "descriptions": list(release.descriptions),
    }
    if release.format_text:
        entry["text"] = release.format_text
    return [entry]


def format_words(release: Release) -> list[str]:
    """The short format the marketplace shows: 'LP, Album, RE' or '2xLP, Album'."""
    words = [_ABBREVIATIONS.get(description, description) for description in release.descriptions]
    if release.quantity > 1:
        words[0] = f"{release.quantity}x{words[0]}"
    if release.format_name in ("CD", "Cassette"):
        words.insert(0, release.format_name)
    return words


def flat_format(release: Release) -> list[str]:
    """Search results' flat `format` list: ['Vinyl', 'LP', 'Album']."""
    return [release.format_name, *release.descriptions]


def images(kind: str, entity_id: int, links: Links, count: int) -> list[dict[str, Any]]:
    return [
        {
            "type": "primary" if number == 0 else "secondary",
            "uri": links.image(kind, entity_id, 600),
            "resource_url": links.image(kind, entity_id, 600),
            "uri150": links.image(kind, entity_id, 150),
            "width": 600,
            "height": 600,
        }
        for number in range(count)
    ]


def basic_information(catalog: Catalog, release: Release, links: Links) -> dict[str, Any]:
    master = catalog.masters[release.master_index]
    return {
        "id": release.id,
        "master_id": master.id,
        "master_url": f"{links.api}/masters/{master.id}",
        "resource_url": f"{links.api}/releases/{release.id}",
        "thumb": links.image("release", release.id, 150),
        "cover_image": links.image("release", release.id, 600),
        "title": release.title,
        "year": release.year,
        "formats": formats(release),
        "labels": [label_ref(catalog.labels[release.label_index], release.catno, links)],
        "artists": [artist_ref(catalog.artists[master.artist_index], links)],
        "genres": list(master.genres),
        "styles": list(master.styles),
    }


def tracklist(catalog: Catalog, master: Master, release: Release | None) -> list[dict[str, Any]]:
    rng = derive_rng(catalog.seed, "tracks", master.index)
    count = 2 if master.is_single else rng.randint(8, 12)
    titles = [
        master.title if master.is_single and n == 0 else song_title(rng) for n in range(count)
    ]
    durations = [f"{rng.randint(2, 7)}:{rng.randrange(60):02d}" for _ in range(count)]
    on_cd = release is not None and release.kind in (KIND_CD, KIND_CASSETTE)
    half = (count + 1) // 2
    positions = [
        str(n + 1) if on_cd else (f"A{n + 1}" if n < half else f"B{n - half + 1}")
        for n in range(count)
    ]
    if master.is_single and not on_cd:
        positions = ["A", "B"]
    return [
        {"position": position, "type_": "track", "title": title, "duration": duration}
        for position, title, duration in zip(positions, titles, durations, strict=True)
    ]


def videos(catalog: Catalog, master: Master, artist: Artist) -> list[dict[str, Any]]:
    rng = derive_rng(catalog.seed, "videos", master.index)
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"
    return [
        {
            "uri": "https://www.youtube.com/watch?v="
            + "".join(rng.choice(alphabet) for _ in range(11)),
            "title": f"{artist.name} - {song_title(rng)}",
            "description": "",
            "duration": rng.randint(120, 420),
            "embed": True,
        }
        for _ in range(rng.choice((0, 1, 1, 2)))
    ]


def release_json(
    catalog: Catalog, release: Release, links: Links, num_for_sale: int, lowest: float | None
) -> dict[str, Any]:
    master = catalog.masters[release.master_index]
    artist = catalog.artists[master.artist_index]
    label = catalog.labels[release.label_index]
    added = catalog_date(release.index)
    identifiers: list[dict[str, Any]] = []
    if release.barcode:
        identifiers.append({"type": "Barcode", "value": spaced_barcode(release.barcode)})
        identifiers.append({"type": "Barcode", "value": release.barcode, "description": "Scanned"})
    identifiers.append(
        {"type": "Matrix / Runout", "value": f"{release.catno} A-1", "description": "Side A"}
    )
    community = {
        "have": release.have,
        "want": release.want,
        "rating": {
            "count": max(1, release.have // 12),
            "average": round(3.0 + (release.index % 19) / 10, 2),
        },
        "submitter": {
            "username": "sandbox-archivist",
            "resource_url": f"{links.api}/users/sandbox-archivist",
        },
        "contributors": [
            {
                "username": "sandbox-archivist",
                "resource_url": f"{links.api}/users/sandbox-archivist",
            }
        ],
        "data_quality": "Correct",
        "status": "Accepted",
    }
    return {
        "id": release.id,
        "status": "Accepted",
        "year": release.year,
        "resource_url": f"{links.api}/releases/{release.id}",
        "uri": f"{links.web}/release/{release.id}-{slug(artist.name, release.title)}",
        "artists": [artist_ref(artist, links)],
        "artists_sort": artist.name,
        "labels": [label_ref(label, release.catno, links)],
        "series": [],
        "companies": [
            {
                **label_ref(label, "", links),
                "entity_type": "13",
                "entity_type_name": "Phonographic Copyright (p)",
            }
        ],
        "formats": formats(release),
        "data_quality": "Correct",
        "community": community,
        "format_quantity": release.quantity,
        "date_added": discogs_timestamp(added),
        "date_changed": discogs_timestamp(added + timedelta(days=400)),
        "num_for_sale": num_for_sale,
        "lowest_price": lowest,
        "master_id": master.id,
        "master_url": f"{links.api}/masters/{master.id}",
        "title": release.title,
        "country": release.country,
        "released": release.released,
        "notes": f"Sandbox pressing of {release.title} on {label.name}.",
        "released_formatted": _released_formatted(release.released),
        "identifiers": identifiers,
        "videos": videos(catalog, master, artist),
        "genres": list(master.genres),
        "styles": list(master.styles),
        "tracklist": tracklist(catalog, master, release),
        "extraartists": [
            {
                **artist_ref(
                    catalog.artists[(master.artist_index + 7) % len(catalog.artists)], links
                ),
                "role": "Producer",
            }
        ],
        "images": images("release", release.id, links, 2),
        "thumb": links.image("release", release.id, 150),
        "estimated_weight": _WEIGHT_GRAMS.get(release.kind, 230) * release.quantity,
        "blocked_from_sale": False,
    }


def master_json(
    catalog: Catalog, master: Master, links: Links, num_for_sale: int, lowest: float | None
) -> dict[str, Any]:
    artist = catalog.artists[master.artist_index]
    main = master.first_release
    latest = master.first_release + master.release_count - 1
    return {
        "id": master.id,
        "main_release": catalog.release(main).id,
        "most_recent_release": catalog.release(latest).id,
        "resource_url": f"{links.api}/masters/{master.id}",
        "uri": f"{links.web}/master/{master.id}-{slug(artist.name, master.title)}",
        "versions_url": f"{links.api}/masters/{master.id}/versions",
        "main_release_url": f"{links.api}/releases/{catalog.release(main).id}",
        "most_recent_release_url": f"{links.api}/releases/{catalog.release(latest).id}",
        "num_for_sale": num_for_sale,
        "lowest_price": lowest,
        "images": images("master", master.id, links, 1),
        "genres": list(master.genres),
        "styles": list(master.styles),
        "year": master.year,
        "tracklist": tracklist(catalog, master, None),
        "artists": [artist_ref(artist, links)],
        "title": master.title,
        "data_quality": "Correct",
        "videos": videos(catalog, master, artist),
    }


def version_json(
    catalog: Catalog, release: Release, links: Links, user_stats: dict[str, int] | None
) -> dict[str, Any]:
    stats: dict[str, Any] = {
        "community": {"in_wantlist": release.want, "in_collection": release.have}
    }
    if user_stats is not None:
        stats["user"] = user_stats
    return {
        "id": release.id,
        "label": catalog.labels[release.label_index].name,
        "country": release.country,
        "title": release.title,
        "major_formats": [release.format_name],
        "format": ", ".join(format_words(release)),
        "catno": release.catno,
        "released": str(release.year),
        "status": "Accepted",
        "resource_url": f"{links.api}/releases/{release.id}",
        "thumb": links.image("release", release.id, 150),
        "stats": stats,
    }


def search_result_json(
    catalog: Catalog,
    release: Release,
    links: Links,
    as_master: bool,
    user_data: dict[str, bool] | None,
) -> dict[str, Any]:
    master = catalog.masters[release.master_index]
    artist = catalog.artists[master.artist_index]
    entity, entity_id = ("master", master.id) if as_master else ("release", release.id)
    result: dict[str, Any] = {
        "country": release.country,
        "year": str(master.year if as_master else release.year),
        "format": flat_format(release),
        "label": [catalog.labels[release.label_index].name],
        "type": entity,
        "genre": list(master.genres),
        "style": list(master.styles),
        "id": entity_id,
        "barcode": [release.barcode, spaced_barcode(release.barcode)] if release.barcode else [],
    }
    if user_data is not None:
        result["user_data"] = user_data
    result.update(
        {
            "master_id": master.id,
            "master_url": f"{links.api}/masters/{master.id}",
            "uri": f"/{entity}/{entity_id}-{slug(artist.name, release.title)}",
            "catno": release.catno,
            "title": f"{artist.name} - {release.title}",
            "thumb": links.image(entity, entity_id, 150),
            "cover_image": links.image(entity, entity_id, 600),
            "resource_url": f"{links.api}/{entity}s/{entity_id}",
            "community": {"want": release.want, "have": release.have},
        }
    )
    if not as_master:
        result["format_quantity"] = release.quantity
        result["formats"] = formats(release)
    return result


def named_result_json(kind: str, entity_id: int, name: str, links: Links) -> dict[str, Any]:
    """Artist and label search results are slimmer."""
    return {
        "id": entity_id,
        "type": kind,
        "master_id": None,
        "master_url": None,
        "uri": f"/{kind}/{entity_id}-{slug(name)}",
        "title": name,
        "thumb": links.image(kind, entity_id, 150),
        "cover_image": links.image(kind, entity_id, 600),
        "resource_url": f"{links.api}/{kind}s/{entity_id}",
    }


def catalog_date(index: int) -> datetime:
    """When a release was entered into the database: spread over the years since 2004."""
    return _CATALOG_EPOCH + timedelta(days=index % 6000, seconds=(index * 7919) % 86400)


def _released_formatted(released: str) -> str:
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    parts = released.split("-")
    if len(parts) == 1:
        return parts[0]
    month = months[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if parts[2] == "00" else f"{int(parts[2]):02d} {month} {parts[0]}"
