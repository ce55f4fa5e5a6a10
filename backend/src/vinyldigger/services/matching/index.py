"""The candidate index: releases grouped into works, with the lookups blocking needs.

A work is one artist + title, usually one Discogs master; its pressings are the candidate
releases of that master plus, when the caller knows them, the master's other versions (which
are never proposed themselves but tell the matcher when a listing is some other pressing).

Blocking: a listing is compared only with works that share at least one artist word and one
title word with it, found through inverted indexes. Words are looked up with typo tolerance
through a deletion index (every word of the vocabulary with one letter removed), so "Engiine"
and "Rollig" still find "Engine" and "Rolling" without comparing against every word.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from vinyldigger.services.marketplaces.dto import MasterVersion, ReleaseSummary
from vinyldigger.services.matching.features import release_features
from vinyldigger.services.matching.media import release_carriers
from vinyldigger.services.matching.names import (
    MIN_TYPO_LENGTH,
    Phrase,
    artist_variants,
    title_after_artist,
    title_phrase,
    token_similarity,
)
from vinyldigger.services.matching.text import (
    FORMAT_7IN,
    FORMAT_10IN,
    FORMAT_12IN,
    FORMAT_CASSETTE,
    FORMAT_CD,
    FORMAT_LP,
    STOPWORDS,
    catno_variants,
    is_catno_plausible,
    name_words,
    normalise_barcode,
    words,
)

# A word in more than this share of the works (and more than _COMMON_MIN of them) opens no
# work on its own; the few works made only of such words are compared with every listing.
_COMMON_SHARE = 0.05
_COMMON_MIN = 50
_REISSUE_DESCRIPTIONS = frozenset(("reissue", "re", "repress", "rp", "unofficial release"))
_LABEL_SUFFIXES = frozenset(
    ("records", "recordings", "record", "music", "sound", "sounds", "disques", "schallplatten",
     "label", "ltd", "inc", "co", "company", "productions", "entertainment")
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Pressing:
    release_id: int
    is_candidate: bool
    year: int | None
    country: str | None
    format_class: str | None
    # Discogs says "Reissue" (or "RE", "Repress"); None when the formats are not known.
    reissue: bool | None
    label_words: frozenset[str]
    catnos: frozenset[str]
    barcodes: frozenset[str]
    # Carriers ("vinyl", "cd") and edition features ("picture_disc", "weight:180") from the
    # formats; empty when the formats are not known.
    carriers: frozenset[str] = frozenset()
    features: frozenset[str] = frozenset()
    # Label and catalog number as Discogs writes them, for reading back.
    label: str | None = None
    catno: str | None = None


@dataclass(slots=True)
class Work:
    index: int
    master_id: int | None
    artist_variants: tuple[Phrase, ...]
    title: Phrase
    self_titled: bool
    # The title without the artist's name when it starts with it ("Talking Heads: 77" is
    # sold as "Talking Heads - 77").
    title_after_artist: Phrase | None = None
    pressings: list[Pressing] = field(default_factory=list)
    # The caller listed all versions of the master, so a pressing can be singled out.
    pressings_complete: bool = False

    @property
    def label_words(self) -> frozenset[str]:
        return frozenset().union(*(pressing.label_words for pressing in self.pressings))

    @property
    def candidate_label_words(self) -> frozenset[str]:
        return frozenset().union(
            *(pressing.label_words for pressing in self.pressings if pressing.is_candidate)
        )


def format_class(formats: Iterable[str]) -> str | None:
    """One format class from Discogs format names and descriptions."""
    names = {name.strip().lower() for name in formats}
    if names & {"lp", "2xlp", "3xlp", "4xlp"} or any(n.endswith("xlp") for n in names):
        return FORMAT_LP
    for size, klass in (('7"', FORMAT_7IN), ('10"', FORMAT_10IN), ('12"', FORMAT_12IN)):
        if size in names or any(n.endswith("x" + size) for n in names):
            return klass
    if "cd" in names or any(n.endswith("xcd") for n in names):
        return FORMAT_CD
    if "cassette" in names:
        return FORMAT_CASSETTE
    return None


def is_reissue(formats: Sequence[str]) -> bool | None:
    if not formats:
        return None
    return bool({name.strip().lower() for name in formats} & _REISSUE_DESCRIPTIONS)


def label_words(name: str) -> frozenset[str]:
    """The words that identify a label: "Redwood Records" is "redwood"."""
    return frozenset(
        word for word in words(name)
        if word not in _LABEL_SUFFIXES and word not in STOPWORDS and not word.isdigit()
    )  # fmt: skip


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class CandidateIndex:
    def __init__(
        self,
        candidates: Sequence[ReleaseSummary],
        known_pressings: Mapping[int, Sequence[MasterVersion]] | None = None,
    ) -> None:
        self.works: list[Work] = []
        self.release_locations: dict[int, tuple[Work, Pressing]] = {}
        self._work_keys: dict[tuple[int | None, tuple[str, ...], tuple[str, ...]], Work] = {}
        for release in candidates:
            if release.release_id not in self.release_locations:
                self._add_candidate(release)
        for master_id, versions in (known_pressings or {}).items():
            self._add_versions(master_id, versions)
        self.postings: dict[str, list[int]] = {}
        self._artist_words: list[frozenset[str]] = []
        self._title_words: list[frozenset[str]] = []
        self.catnos: dict[str, list[tuple[Work, Pressing]]] = {}
        self.barcodes: dict[str, list[tuple[Work, Pressing]]] = {}
        for work in self.works:
            self._index_work(work)
        # Every word of every name, stopwords included, so alignment can find "The" and "Of".
        self.vocabulary = frozenset(
            word for work in self.works
            for phrase in (*work.artist_variants, work.title) for word in phrase.words
        )  # fmt: skip
        self._by_deletion: dict[str, set[str]] = {}
        for word in self.vocabulary:
            if len(word) >= MIN_TYPO_LENGTH:
                for variant in _deletions(word):
                    self._by_deletion.setdefault(variant, set()).add(word)
        self._common_limit = max(_COMMON_MIN, int(len(self.works) * _COMMON_SHARE))
        # Works whose every word is common are checked for every listing; they are few.
        self._always_checked = [
            work.index for work in self.works
            if all(len(self.postings[word]) > self._common_limit
                   for word in self._artist_words[work.index] | self._title_words[work.index])
        ]  # fmt: skip
        self._similar_cache: dict[str, dict[str, float]] = {}

    # -- building ------------------------------------------------------------------------

    def _add_candidate(self, release: ReleaseSummary) -> None:
        variants = artist_variants(release.artists)
        title = title_phrase(release.title)
        key = (release.master_id, variants[0].words if variants else (), title.words)
        work = self._work_keys.get(key)
        if work is None:
            title_as_name = tuple(name_words(release.title))
            work = Work(
                index=len(self.works),
                master_id=release.master_id,
                artist_variants=variants,
                title=title,
                self_titled=any(variant.words == title_as_name for variant in variants),
                title_after_artist=title_after_artist(title, variants),
            )
            self._work_keys[key] = work
            self.works.append(work)
        pressing = Pressing(
            release_id=release.release_id,
            is_candidate=True,
            year=release.year,
            country=release.country,
            format_class=format_class(release.formats),
            reissue=is_reissue(release.formats),
            label_words=frozenset().union(*(label_words(label.name) for label in release.labels)),
            catnos=frozenset().union(
                *(catno_variants(label.catno) for label in release.labels if label.catno)
            ),
            barcodes=frozenset(
                code for code in (normalise_barcode(raw) for raw in release.barcodes) if code
            ),
            carriers=release_carriers(release.formats),
            features=release_features(release.formats),
            label=release.labels[0].name if release.labels else None,
            catno=next((label.catno for label in release.labels if label.catno), None),
        )
        work.pressings.append(pressing)
        self.release_locations[release.release_id] = (work, pressing)

    def _add_versions(self, master_id: int, versions: Sequence[MasterVersion]) -> None:
        works = [work for work in self.works if work.master_id == master_id]
        for work in works:
            work.pressings_complete = True
            known = {pressing.release_id for pressing in work.pressings}
            for version in versions:
                if version.release_id in known:
                    continue
                work.pressings.append(
                    Pressing(
                        release_id=version.release_id,
                        is_candidate=False,
                        year=version.year,
                        country=version.country,
                        format_class=format_class([*version.formats, *version.major_formats]),
                        reissue=is_reissue(version.formats),
                        label_words=label_words(version.label or ""),
                        catnos=catno_variants(version.catno) if version.catno else frozenset(),
                        barcodes=frozenset(),
                        carriers=release_carriers([*version.formats, *version.major_formats]),
                        features=release_features(version.formats),
                        label=version.label,
                        catno=version.catno,
                    )
                )

    def _index_work(self, work: Work) -> None:
        artist_words = frozenset().union(*(variant.key_words for variant in work.artist_variants))
        title_words = work.title.key_words
        self._artist_words.append(artist_words)
        self._title_words.append(title_words)
        for word in artist_words | title_words:
            self.postings.setdefault(word, []).append(work.index)
        for pressing in work.pressings:
            for catno in pressing.catnos:
                if is_catno_plausible(catno):
                    self.catnos.setdefault(catno, []).append((work, pressing))
            for barcode in pressing.barcodes:
                self.barcodes.setdefault(barcode, []).append((work, pressing))

    # -- lookups -------------------------------------------------------------------------

    def similar_words(self, listing_word: str) -> dict[str, float]:
        """Vocabulary words this listing word may stand for, with their similarity."""
        cached = self._similar_cache.get(listing_word)
        if cached is not None:
            return cached
        found: dict[str, float] = {}
        if listing_word in self.vocabulary:
            found[listing_word] = 1.0
        if len(listing_word) >= MIN_TYPO_LENGTH - 1 and not listing_word.isdigit():
            nearby: set[str] = set(self._by_deletion.get(listing_word, ()))
            for variant in _deletions(listing_word):
                if variant in self.vocabulary:
                    nearby.add(variant)
                nearby |= self._by_deletion.get(variant, set())
            for word in nearby:
                similarity = token_similarity(listing_word, word)
                if similarity > found.get(word, 0.0):
                    found[word] = similarity
        if len(self._similar_cache) > 200_000:
            self._similar_cache.clear()
        self._similar_cache[listing_word] = found
        return found

    def blocked_works(self, vocabulary_words: Iterable[str]) -> list[Work]:
        """Works that share an artist word and a title word with the listing.

        Only words of at most `_common_limit` works open a work for comparison, so the cost per
        listing follows the number of works its rare words point at, not the index size.
        """
        present = set(vocabulary_words)
        hits: set[int] = set(self._always_checked)
        for word in present:
            posting = self.postings.get(word)
            if posting is not None and len(posting) <= self._common_limit:
                hits.update(posting)
        return [
            self.works[index] for index in sorted(hits)
            if present & self._artist_words[index] and present & self._title_words[index]
        ]  # fmt: skip
