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

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA

from vinyldigger.services.marketplaces.dto import MasterVersion, ReleaseSummary
from vinyldigger.services.matching.text import (
    FORMAT_7IN,
    FORMAT_10IN,
    FORMAT_12IN,
    FORMAT_CASSETTE,
    FORMAT_CD,
    FORMAT_LP,
    NOISE_WORDS,
    STOPWORDS,
    is_catno_plausible,
    name_words,
    normalise_barcode,
    normalise_catno,
    words,
)

# A word this common among the works (more than this share of them, and more than
# _COMMON_MIN works) only blocks when the listing shares nothing rarer with any work.
_COMMON_SHARE = 0.05
_COMMON_MIN = 50
# Full typo tolerance starts at this length: shorter words differ in meaning, not in spelling;
# from _MIN_TYPO_LENGTH letters two swapped letters are still read as a typo.
_MIN_FUZZY_LENGTH = 5
_MIN_TYPO_LENGTH = 4
TYPO_SIMILARITY = 0.8
STOPWORD_WEIGHT = 0.25
LEADER_CEILING = 0.85
_BAND_LINKS = frozenset(("the", "his", "her", "their"))
_BRACKETED_WEIGHT = 0.3
_NOISE_WEIGHT = 0.5
_ROMAN_NUMERALS = frozenset(
    ("ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii", "xiii", "xiv", "xv", "xx")
)
_REISSUE_DESCRIPTIONS = frozenset(("reissue", "re", "repress", "rp", "unofficial release"))
_LABEL_SUFFIXES = frozenset(
    ("records", "recordings", "record", "music", "sound", "sounds", "disques", "schallplatten",
     "label", "ltd", "inc", "co", "company", "productions", "entertainment")
)  # fmt: skip
PLURAL_SIMILARITY = 0.6


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


@dataclass(frozen=True, slots=True)
class Phrase:
    """An artist name or a title as words, each with how much it counts when matching."""

    words: tuple[str, ...]
    weights: tuple[float, ...]
    # Positions of numbers and roman numerals: "Vol. 2" is not "Vol. 1", whatever else agrees.
    critical: frozenset[int] = frozenset()
    # The most this phrase can score: less than 1 for a shortened form of a name.
    ceiling: float = 1.0

    @property
    def key_words(self) -> frozenset[str]:
        """Words worth indexing: not stopwords, unless there is nothing else."""
        meaningful = frozenset(
            word for word, weight in zip(self.words, self.weights, strict=True)
            if weight >= 1.0
        )  # fmt: skip
        return meaningful or frozenset(self.words)


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


def token_similarity(listing_word: str, name_word: str) -> float:
    """1 for the same word, less for a likely typo or plural, 0 for a different word."""
    if listing_word == name_word:
        return 1.0
    if listing_word.isdigit() or name_word.isdigit():
        return 0.0
    shorter, longer = sorted((listing_word, name_word), key=len)
    if longer in (shorter + "s", shorter + "es"):
        return PLURAL_SIMILARITY
    if len(shorter) < _MIN_TYPO_LENGTH:
        return 0.0
    # Typos keep the first letter, save for swapping the first two ("Rian" for "Rain").
    if listing_word[0] != name_word[0] and listing_word[:2] != name_word[1::-1]:
        return 0.0
    if OSA.distance(listing_word, name_word) != 1:
        return 0.0
    if len(longer) < _MIN_FUZZY_LENGTH:
        # In short words only a swap of two letters is a typo ("Raod"); a changed, added or
        # dropped letter makes another word ("Road", "Load", "Roads").
        return (
            TYPO_SIMILARITY
            if len(shorter) == len(longer) and sorted(shorter) == sorted(longer)
            else 0.0
        )
    return TYPO_SIMILARITY


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
            if len(word) >= _MIN_TYPO_LENGTH:
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
        variants = _artist_variants(release.artists)
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
                title_after_artist=_title_after_artist(title, variants),
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
            catnos=frozenset(
                normalise_catno(label.catno) for label in release.labels if label.catno
            ),
            barcodes=frozenset(
                code for code in (normalise_barcode(raw) for raw in release.barcodes) if code
            ),
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
                        catnos=frozenset((normalise_catno(version.catno),))
                        if version.catno
                        else frozenset(),
                        barcodes=frozenset(),
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
        if len(listing_word) >= _MIN_TYPO_LENGTH - 1 and not listing_word.isdigit():
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


def _artist_variants(artists: Sequence[str]) -> tuple[Phrase, ...]:
    """Each credited artist alone, all of them together, and the leader of a band named
    after them ("Prince" for "Prince And The Revolution"), which scores a little less."""
    variants: list[tuple[str, ...]] = []
    for name in artists:
        tokens = tuple(name_words(name))
        if tokens and tokens not in variants:
            variants.append(tokens)
    if len(variants) > 1:
        variants.append(tuple(word for variant in variants for word in (*variant, "and"))[:-1])
    phrases = [_name_phrase(variant) for variant in variants]
    for variant in variants:
        leader = _leader(variant)
        if leader and leader not in variants:
            phrases.append(_name_phrase(leader, LEADER_CEILING))
    return tuple(phrases)


def _leader(words_of_name: tuple[str, ...]) -> tuple[str, ...] | None:
    for index in range(1, len(words_of_name) - 1):
        if words_of_name[index] == "and" and words_of_name[index + 1] in _BAND_LINKS:
            return words_of_name[:index]
    return None


def _name_phrase(words_of_name: tuple[str, ...], ceiling: float = 1.0) -> Phrase:
    weights = tuple(STOPWORD_WEIGHT if word in STOPWORDS else 1.0 for word in words_of_name)
    return Phrase(words_of_name, weights, ceiling=ceiling)


def _title_after_artist(title: Phrase, artists: Sequence[Phrase]) -> Phrase | None:
    for artist in artists:
        size = len(artist.words)
        if size and len(title.words) > size and title.words[:size] == artist.words:
            critical = frozenset(index - size for index in title.critical if index >= size)
            return Phrase(title.words[size:], title.weights[size:], critical)
    return None


def title_phrase(title: str) -> Phrase:
    """Title words; bracketed parts ("(Remastered)") and listing noise words count less,
    because sellers leave them out."""
    tokens: list[str] = []
    weights: list[float] = []
    critical: set[int] = set()
    for part in re.split(r"([(\[][^)\]]*[)\]])", title):
        bracketed = part.startswith(("(", "["))
        for word in words(part):
            if word.isdigit() or word in _ROMAN_NUMERALS:
                critical.add(len(tokens))
            tokens.append(word)
            if word in STOPWORDS:
                weights.append(STOPWORD_WEIGHT)
            elif bracketed:
                weights.append(_BRACKETED_WEIGHT)
            elif word in NOISE_WORDS:
                weights.append(_NOISE_WEIGHT)
            else:
                weights.append(1.0)
    if tokens and max(weights) < 1.0:
        weights = [1.0] * len(tokens)
    return Phrase(tuple(tokens), tuple(weights), frozenset(critical))
