"""Sandbox Discogs users: their credentials, want lists and collections."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from vinyldigger_sandbox.catalog import VINYL_KINDS, Catalog
from vinyldigger_sandbox.grading import GOOD_PLUS, VERY_GOOD, draw_media_grade, draw_sleeve_grade
from vinyldigger_sandbox.rng import cumulative_weights, derive_rng, weighted_index
from vinyldigger_sandbox.vocabulary import WANT_NOTES

USER_ID_BASE = 7_000_000
INSTANCE_ID_BASE = 900_000_000
UNCATEGORIZED_FOLDER = 1


@dataclass(frozen=True, slots=True)
class UserProfile:
    username: str
    country: str
    currency: str
    postal_code: str
    want_count: int
    collection_count: int
    upgrade_count: int


USER_PROFILES = (
    UserProfile(
        "demo", "US", "USD", "19406", want_count=150, collection_count=300, upgrade_count=12
    ),
    UserProfile(
        "alice", "DE", "EUR", "10115", want_count=40, collection_count=120, upgrade_count=4
    ),
    UserProfile(
        "bob", "GB", "GBP", "SW1A 1AA", want_count=25, collection_count=60, upgrade_count=2
    ),
    UserProfile(
        "bigwants", "US", "USD", "94110", want_count=1000, collection_count=50, upgrade_count=0
    ),
)


@dataclass(frozen=True, slots=True)
class Credentials:
    """Fixed, readable secrets so tests and the demo can link accounts without lookups."""

    personal_token: str
    consumer_key: str
    consumer_secret: str
    oauth_token: str
    oauth_token_secret: str
    ebay_client_id: str
    ebay_client_secret: str

    @classmethod
    def for_user(cls, username: str) -> Credentials:
        return cls(
            personal_token=f"sbx_pat_{username}",
            consumer_key=f"sbx_ck_{username}",
            consumer_secret=f"sbx_cs_{username}",
            oauth_token=f"sbx_oat_{username}",
            oauth_token_secret=f"sbx_ots_{username}",
            ebay_client_id=f"sbx-ebay-{username}",
            ebay_client_secret=f"sbx-ebay-secret-{username}",
        )


@dataclass(slots=True)
class Want:
    release_index: int
    date_added: datetime
    rating: int
    notes: str


@dataclass(frozen=True, slots=True)
class CollectionItem:
    instance_id: int
    release_index: int
    folder_id: int
    date_added: datetime
    rating: int
    media_condition: str
    sleeve_condition: str
    notes: str


@dataclass(slots=True)
class SandboxUser:
    index: int
    profile: UserProfile
    credentials: Credentials
    wants: dict[int, Want] = field(default_factory=dict)
    collection: list[CollectionItem] = field(default_factory=list)

    @property
    def id(self) -> int:
        return USER_ID_BASE + self.index

    @property
    def username(self) -> str:
        return self.profile.username


def make_users(seed: int, catalog: Catalog, start: datetime) -> list[SandboxUser]:
    master_cumulative = cumulative_weights([master.popularity**0.7 for master in catalog.masters])
    users = []
    for index, profile in enumerate(USER_PROFILES):
        rng = derive_rng(seed, "user", profile.username)
        user = SandboxUser(index, profile, Credentials.for_user(profile.username))
        attempts = 0
        while len(user.wants) < profile.want_count and attempts < profile.want_count * 20:
            attempts += 1
            release_index = _pick_vinyl_release(catalog, rng, master_cumulative)
            if release_index is None or release_index in user.wants:
                continue
            user.wants[release_index] = Want(
                release_index=release_index,
                date_added=start - timedelta(days=rng.uniform(1, 1500)),
                rating=rng.choice((0, 0, 0, 0, 3, 4, 5)),
                notes=rng.choice(WANT_NOTES),
            )
        # Copies owned in a poor grade that are also wanted: candidates for an upgrade.
        owned: list[tuple[int, str]] = [
            (release_index, rng.choice((VERY_GOOD, GOOD_PLUS)))
            for release_index in rng.sample(
                sorted(user.wants), k=min(profile.upgrade_count, len(user.wants))
            )
        ]
        taken = {release_index for release_index, _ in owned}
        while len(owned) < profile.collection_count and attempts < profile.want_count * 40 + 5000:
            attempts += 1
            release_index = _pick_vinyl_release(catalog, rng, master_cumulative)
            if release_index is None or release_index in taken or release_index in user.wants:
                continue
            taken.add(release_index)
            owned.append((release_index, draw_media_grade(rng)))
        for number, (release_index, media) in enumerate(owned):
            release = catalog.release(release_index)
            user.collection.append(
                CollectionItem(
                    instance_id=INSTANCE_ID_BASE + index * 100_000 + number,
                    release_index=release_index,
                    folder_id=UNCATEGORIZED_FOLDER,
                    date_added=start - timedelta(days=rng.uniform(1, 3000)),
                    rating=rng.choice((0, 0, 0, 3, 4, 5)),
                    media_condition=media,
                    sleeve_condition=draw_sleeve_grade(rng, media, '7"' in release.descriptions),
                    notes=rng.choice(
                        ("", "", "", "Bought at a record fair", "Gift", "Needs a clean")
                    ),
                )
            )
        user.collection.sort(key=lambda item: item.date_added)
        users.append(user)
    return users


def _pick_vinyl_release(
    catalog: Catalog, rng: random.Random, master_cumulative: list[float]
) -> int | None:
    """A wanted record: usually the original pressing of a well-liked album, on vinyl."""
    master = catalog.masters[weighted_index(rng, master_cumulative)]
    vinyl = [
        index
        for index in range(master.first_release, master.first_release + master.release_count)
        if catalog.release_kind[index] in VINYL_KINDS
    ]
    if not vinyl:
        return None
    return vinyl[0] if rng.random() < 0.5 else rng.choice(vinyl)
