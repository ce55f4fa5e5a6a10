"""Labelled listings from a sandbox world, for the matching tests and benchmark.

Candidates go through the same parsers as Discogs answers do (release and master-version JSON
in Discogs' shapes, parsed by the Discogs client's parsers) and eBay items go through the
eBay client's parser from getItem's JSON shape (title, gtin, graded aspects, condition), so
the matcher sees what it will see in production. Ground truth comes from the world's own
record of which release each item is (what /sandbox/truth/ebay serves).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from vinyldigger.services.marketplaces.discogs.parsers import parse_master_version, parse_release
from vinyldigger.services.marketplaces.dto import (
    Listing,
    MasterVersion,
    Money,
    ReleaseSummary,
    SellerRef,
)
from vinyldigger.services.marketplaces.ebay.parsers import parse_item
from vinyldigger.services.matching.evaluation import Category, LabelledListing
from vinyldigger.services.matching.text import NOISE_WORDS, STOPWORDS
from vinyldigger_sandbox.catalog import Release
from vinyldigger_sandbox.discogs_shapes import Links, release_json, version_json
from vinyldigger_sandbox.ebay_items import EbayItem
from vinyldigger_sandbox.ebay_search import Buyer
from vinyldigger_sandbox.ebay_shapes import EbayLinks, EbayRenderer
from vinyldigger_sandbox.settings import SandboxSettings, SizeName
from vinyldigger_sandbox.world import World

_LINKS = Links(api="http://sandbox.test", web="http://sandbox.test", images="", with_images=False)
_EBAY_LINKS = EbayLinks(api="http://sandbox.test", web="http://sandbox.test", images="")
_BUYER = Buyer(marketplace_id="EBAY_US", currency="USD", country="US")


def sandbox_world(seed: int, size: SizeName = "small") -> World:
    return World(SandboxSettings(seed=seed, size=size))


def release_summary(world: World, release: Release) -> ReleaseSummary:
    data = release_json(world.catalog, release, _LINKS, num_for_sale=0, lowest=None)
    return parse_release(data, "USD").summary


def want_list(world: World, username: str) -> list[ReleaseSummary]:
    user = world.user(username)
    if user is None:
        raise ValueError(f"no sandbox user {username!r}")
    return [release_summary(world, world.catalog.release(index)) for index in sorted(user.wants)]


def master_versions(world: World, master_ids: Iterable[int]) -> dict[int, list[MasterVersion]]:
    """All versions of each master, as /masters/{id}/versions lists them."""
    versions: dict[int, list[MasterVersion]] = {}
    for master_id in set(master_ids):
        master = world.catalog.master_by_id(master_id)
        if master is None:
            continue
        versions[master_id] = [
            parse_master_version(version_json(world.catalog, release, _LINKS, None))
            for release in world.catalog.master_releases(master)
        ]
    return versions


def ebay_listing(world: World, item: EbayItem) -> Listing:
    """The item as the eBay client sees it from getItem (title, gtin, graded aspects)."""
    renderer = EbayRenderer(world.ebay, world.ebay_search, _BUYER, _EBAY_LINKS)
    return parse_item(renderer.detail(item, active=world.ebay.is_active(item.ordinal)))


def labelled_listings(
    world: World, candidates: Sequence[ReleaseSummary], limit: int | None = None
) -> list[LabelledListing]:
    """Every eBay item of the world (or the first `limit`), labelled against `candidates`."""
    known = _KnownCandidates(
        release_ids=frozenset(release.release_id for release in candidates),
        master_ids=frozenset(release.master_id for release in candidates if release.master_id),
        artists=frozenset(name for release in candidates for name in release.artists),
    )
    count = world.ebay.ordinal_count if limit is None else min(limit, world.ebay.ordinal_count)
    cases = []
    for ordinal in range(count):
        item = world.ebay.item(ordinal)
        if item is None:
            continue
        release_id, master_id, _ = world.ebay.truth(ordinal)
        category = _category(world, release_id, master_id, known)
        cases.append(LabelledListing(ebay_listing(world, item), release_id, master_id, category))
    return cases


@dataclass(frozen=True, slots=True)
class _KnownCandidates:
    release_ids: frozenset[int]
    master_ids: frozenset[int]
    artists: frozenset[str]


def _category(
    world: World, release_id: int | None, master_id: int | None, known: _KnownCandidates
) -> Category:
    if release_id is None or master_id is None:
        return "noise"
    if release_id in known.release_ids:
        return "candidate"
    if master_id in known.master_ids:
        return "other_pressing"
    master = world.catalog.master_by_id(master_id)
    if master is not None:
        summary = release_summary(world, world.catalog.master_releases(master)[0])
        if set(summary.artists) & known.artists:
            return "same_artist"
    return "unrelated"


_NEAR_MISS_KINDS = ("extended", "prefixed", "swapped", "other_artist")


def near_miss_listings(
    world: World, candidates: Sequence[ReleaseSummary], count: int, seed: int
) -> list[LabelledListing]:
    """Titles one step away from a candidate that name no record of the world.

    Each takes a candidate and adds a word after or before its title, swaps one title word
    for another word of the catalog, or credits the title to another artist of the catalog;
    a result is kept only if no master of the world has that artist and title. Any
    high-confidence match of these is a mistake, the kind that costs a user money.
    """
    rng = random.Random(seed)
    existing = set()
    title_words: set[str] = set()
    artists = []
    for master in world.catalog.masters:
        artist = world.catalog.artists[master.artist_index].name
        existing.add((artist.lower(), master.title.lower()))
        # Words sellers also use as listing noise ("New") would not make another name.
        title_words.update(
            word
            for word in master.title.split()
            if word.isalpha() and word.lower() not in STOPWORDS | NOISE_WORDS
        )
        artists.append(artist)
    vocabulary = sorted(title_words)
    cases: list[LabelledListing] = []
    attempts = 0
    while len(cases) < count and candidates and attempts < count * 20:
        attempts += 1
        release = rng.choice(candidates)
        artist, title = release.artists[0], release.title
        kind = rng.choice(_NEAR_MISS_KINDS)
        extra = rng.choice(vocabulary)
        words_of_title = title.split()
        if kind == "extended":
            title = f"{title} {extra}"
        elif kind == "prefixed":
            title = f"{extra} {title}"
        elif kind == "swapped":
            places = [i for i, w in enumerate(words_of_title) if w.lower() not in STOPWORDS]
            if len(words_of_title) < 2 or not places:
                continue
            words_of_title[rng.choice(places)] = extra
            title = " ".join(words_of_title)
        else:
            artist = rng.choice(artists)
        if (artist.lower(), title.lower()) in existing or title == release.title == artist:
            continue
        fmt = rng.choice(("LP", "Vinyl LP", '12" LP', "LP Album"))
        text = f"{artist} - {title} {fmt} {release.year or ''} {rng.choice(('VG+', 'NM', 'EX'))}"
        listing = Listing(
            platform="ebay",
            listing_id=f"near-miss-{len(cases)}",
            title=" ".join(text.split()),
            price=Money(amount=Decimal("15"), currency="USD"),
            seller=SellerRef(username="near-miss"),
            url=f"https://www.ebay.test/itm/near-miss-{len(cases)}",
        )
        cases.append(LabelledListing(listing, None, None, "near_miss"))
    return cases
