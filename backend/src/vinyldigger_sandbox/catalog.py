"""The synthetic Discogs database: artists, labels, masters and their pressings (releases).

Artists, labels and masters are small and built up front. Releases are many, so only the
facts every index needs (master, format kind, year) are kept in compact arrays; a release's
full record is generated from its own RNG when first asked for, and cached.
"""

from __future__ import annotations

import math
import random
from array import array
from dataclasses import dataclass

from vinyldigger_sandbox import naming
from vinyldigger_sandbox.rng import (
    cumulative_weights,
    derive_rng,
    lognormal_factor,
    pareto_weight,
    weighted_index,
)
from vinyldigger_sandbox.vocabulary import (
    GENRE_STYLES,
    GENRE_WEIGHTS,
    REISSUE_LABEL_NAMES,
    RELEASE_COUNTRIES,
)

ARTIST_ID_BASE = 210_000
LABEL_ID_BASE = 9_000
MASTER_ID_BASE = 300_000
RELEASE_ID_BASE = 1_000_000

# Format kinds of a release; the first three are vinyl.
KIND_LP, KIND_7INCH, KIND_12INCH, KIND_CD, KIND_CASSETTE = range(5)
VINYL_KINDS = frozenset((KIND_LP, KIND_7INCH, KIND_12INCH))
LATEST_YEAR = 2025

_GENRES = tuple(GENRE_WEIGHTS)
_GENRE_CUMULATIVE = cumulative_weights(tuple(GENRE_WEIGHTS.values()))
_COUNTRIES = tuple(RELEASE_COUNTRIES)
_COUNTRY_CUMULATIVE = cumulative_weights(tuple(RELEASE_COUNTRIES.values()))
# Eras a master's first release falls in: (first year, last year, weight).
_ERAS = (
    (1955, 1964, 8),
    (1965, 1979, 35),
    (1980, 1989, 20),
    (1990, 1999, 12),
    (2000, 2009, 8),
    (2010, LATEST_YEAR, 17),
)
_ERA_CUMULATIVE = cumulative_weights(tuple(weight for _, _, weight in _ERAS))
_COLOURS = ("Red", "Clear", "Blue Marbled", "White", "Orange Translucent", "Green")


@dataclass(frozen=True, slots=True)
class Artist:
    index: int
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class Label:
    index: int
    id: int
    name: str
    prefix: str
    catno_style: int
    first_number: int


@dataclass(frozen=True, slots=True)
class Master:
    index: int
    id: int
    artist_index: int
    title: str
    year: int
    is_single: bool
    home_country: str
    label_index: int
    genres: tuple[str, ...]
    styles: tuple[str, ...]
    popularity: float
    first_release: int
    release_count: int


@dataclass(slots=True)
class Release:
    """One pressing; treated as immutable (not frozen only because that is slower)."""

    index: int
    id: int
    master_index: int
    title: str
    year: int
    released: str
    country: str
    label_index: int
    catno: str
    barcode: str | None
    kind: int
    format_name: str
    quantity: int
    descriptions: tuple[str, ...]
    format_text: str
    is_first_pressing: bool
    market_price_usd: float
    have: int
    want: int

    @property
    def is_vinyl(self) -> bool:
        return self.kind in VINYL_KINDS


class Catalog:
    """All artists, labels, masters and (lazily) releases of one world."""

    def __init__(self, seed: int, master_count: int) -> None:
        self.seed = seed
        self.artists = self._make_artists(max(60, master_count // 3))
        self.labels = self._make_labels(max(30, master_count // 12))
        self._artist_cumulative = cumulative_weights(
            [
                pareto_weight(derive_rng(seed, "artist-weight", a.index), 1.4, 12.0)
                for a in self.artists
            ]
        )
        self._label_cumulative = cumulative_weights(
            [
                pareto_weight(derive_rng(seed, "label-weight", label.index), 1.2, 30.0)
                for label in self.labels[: -len(REISSUE_LABEL_NAMES)]
            ]
        )
        self.release_master = array("i")
        self.release_kind = array("b")
        self.release_year = array("h")
        self.masters = [self._make_master(index) for index in range(master_count)]
        self._releases: dict[int, Release] = {}

    # -- artists and labels --------------------------------------------------------------

    def _make_artists(self, count: int) -> list[Artist]:
        seen: dict[str, int] = {}
        artists = []
        for index in range(count):
            name = naming.artist_name(derive_rng(self.seed, "artist", index))
            seen[name] = seen.get(name, 0) + 1
            # Discogs tells same-named artists apart with a number in brackets.
            if seen[name] > 1:
                name = f"{name} ({seen[name]})"
            artists.append(Artist(index, ARTIST_ID_BASE + index, name))
        return artists

    def _make_labels(self, count: int) -> list[Label]:
        names: list[str] = []
        taken: set[str] = set()
        for index in range(count):
            rng = derive_rng(self.seed, "label", index)
            name = naming.label_name(rng)
            attempt = 0
            while name in taken:
                attempt += 1
                name = naming.label_name(rng, compound=attempt > 3)
            taken.add(name)
            names.append(name)
        names += list(REISSUE_LABEL_NAMES)
        labels = []
        for index, name in enumerate(names):
            rng = derive_rng(self.seed, "label-style", index)
            labels.append(
                Label(
                    index,
                    LABEL_ID_BASE + index,
                    name,
                    naming.label_prefix(name, rng),
                    rng.randrange(5),
                    rng.randrange(100, 9000),
                )
            )
        return labels

    @property
    def reissue_label_indexes(self) -> range:
        return range(len(self.labels) - len(REISSUE_LABEL_NAMES), len(self.labels))

    # -- masters -------------------------------------------------------------------------

    def _make_master(self, index: int) -> Master:
        rng = derive_rng(self.seed, "master", index)
        era_start, era_end, _ = _ERAS[weighted_index(rng, _ERA_CUMULATIVE)]
        year = rng.randint(era_start, era_end)
        is_single = rng.random() < 0.18
        genre = _GENRES[weighted_index(rng, _GENRE_CUMULATIVE)]
        styles = tuple(sorted(set(rng.sample(GENRE_STYLES[genre], k=rng.choice((1, 1, 2))))))
        genres = (genre,) if rng.random() < 0.85 else (genre, _GENRES[rng.randrange(len(_GENRES))])
        popularity = pareto_weight(rng, 1.3, 200.0)
        title = naming.song_title(rng) if is_single else naming.album_title(rng)
        release_count = 1 + min(14, int(rng.expovariate(0.9) * (1.0 + math.log(popularity))))
        first_release = len(self.release_master)
        for kind, pressing_year in self._pressings(rng, year, is_single, release_count):
            self.release_master.append(index)
            self.release_kind.append(kind)
            self.release_year.append(pressing_year)
        return Master(
            index=index,
            id=MASTER_ID_BASE + index,
            artist_index=weighted_index(rng, self._artist_cumulative),
            title=title,
            year=year,
            is_single=is_single,
            home_country="US"
            if rng.random() < 0.5
            else ("UK" if rng.random() < 0.6 else "Germany"),
            label_index=weighted_index(rng, self._label_cumulative),
            genres=tuple(dict.fromkeys(genres)),
            styles=styles,
            popularity=popularity,
            first_release=first_release,
            release_count=release_count,
        )

    @staticmethod
    def _pressings(
        rng: random.Random, year: int, is_single: bool, count: int
    ) -> list[tuple[int, int]]:
        draw = rng.random
        pressings: list[tuple[int, int]] = []
        for number in range(count):
            if number == 0 or draw() < 0.35:
                pressing_year = year
            else:
                pressing_year = min(LATEST_YEAR, year + 1 + int(draw() * (LATEST_YEAR - year)))
            pressings.append((_format_kind(draw(), pressing_year, is_single), pressing_year))
        # The original keeps its place; later pressings are ordered by year like on Discogs.
        return pressings[:1] + sorted(pressings[1:], key=lambda pressing: pressing[1])

    def master_by_id(self, master_id: int) -> Master | None:
        index = master_id - MASTER_ID_BASE
        return self.masters[index] if 0 <= index < len(self.masters) else None

    def master_releases(self, master: Master) -> list[Release]:
        start = master.first_release
        return [self.release(index) for index in range(start, start + master.release_count)]

    # -- releases ------------------------------------------------------------------------

    @property
    def release_count(self) -> int:
        return len(self.release_master)

    def release_by_id(self, release_id: int) -> Release | None:
        index = release_id - RELEASE_ID_BASE
        return self.release(index) if 0 <= index < self.release_count else None

    def release(self, index: int) -> Release:
        cached = self._releases.get(index)
        if cached is None:
            cached = self._make_release(index)
            self._releases[index] = cached
        return cached

    def release_popularity(self, index: int) -> float:
        """How often copies of this release turn up for sale, relative to others."""
        master = self.masters[self.release_master[index]]
        kind = self.release_kind[index]
        # Sub-linear in popularity: even hits rarely have more than a few hundred copies listed.
        weight = float(master.popularity**0.75) * (1.6 if index == master.first_release else 1.0)
        if kind not in VINYL_KINDS:
            weight *= 0.3
        return weight

    def _make_release(self, index: int) -> Release:
        rng = derive_rng(self.seed, "release", index)
        master = self.masters[self.release_master[index]]
        kind = self.release_kind[index]
        year = self.release_year[index]
        first_pressing = index == master.first_release
        contemporary = year == master.year
        if first_pressing:
            country = master.home_country
        else:
            country = _COUNTRIES[weighted_index(rng, _COUNTRY_CUMULATIVE)]
        label_index = master.label_index
        if not contemporary and rng.random() < 0.6:
            label_index = rng.choice(self.reissue_label_indexes)
        label = self.labels[label_index]
        catno_number = (
            label.first_number + (master.index * 7 + (0 if contemporary else index)) % 900
        )
        catno = naming.catalog_number(label.prefix, label.catno_style, catno_number)
        if kind in (KIND_CD, KIND_CASSETTE):
            catno += "-2" if kind == KIND_CD else "-4"
        barcode = None
        if year >= 1979 and rng.random() < (0.9 if year >= 1985 else 0.6):
            barcode = naming.upc_a(rng) if country == "US" else naming.ean13(rng, "50")
        format_name, quantity, descriptions = _format_details(kind, rng.random() < 0.12)
        extra: list[str] = []
        if not contemporary:
            extra.append("Reissue")
            if rng.random() < 0.3:
                extra.append("Remastered")
            if kind in VINYL_KINDS and year >= 2005 and rng.random() < 0.35:
                extra.append("180 Gram")
        if year < 1968 and kind in VINYL_KINDS:
            extra.append("Mono" if rng.random() < 0.5 else "Stereo")
        if rng.random() < 0.08:
            extra.append("Limited Edition")
        colour = ""
        if kind in VINYL_KINDS and year >= 2010 and rng.random() < 0.2:
            colour = rng.choice(_COLOURS)
        month = rng.randint(1, 12)
        released = rng.choice(
            (f"{year}", f"{year}-{month:02d}-00", f"{year}-{month:02d}-{rng.randint(1, 28):02d}")
        )
        have = max(1, int(master.popularity * 35 * lognormal_factor(rng, 0.6)))
        return Release(
            index=index,
            id=RELEASE_ID_BASE + index,
            master_index=master.index,
            title=master.title,
            year=year,
            released=released,
            country=country,
            label_index=label_index,
            catno=catno,
            barcode=barcode,
            kind=kind,
            format_name=format_name,
            quantity=quantity,
            descriptions=descriptions + tuple(extra),
            format_text=colour,
            is_first_pressing=first_pressing or contemporary,
            market_price_usd=_market_price(
                rng.random(),
                master,
                kind=kind,
                quantity=quantity,
                year=year,
                first=first_pressing,
            ),
            have=have,
            want=max(0, int(have * 0.4 * lognormal_factor(rng, 0.8))),
        )


def _format_kind(roll: float, year: int, is_single: bool) -> int:
    if is_single:
        if year >= 1990 and roll < 0.4:
            return KIND_CD
        return KIND_12INCH if year >= 1978 and roll > 0.75 else KIND_7INCH
    if 1990 <= year < 2008:
        return KIND_CD if roll < 0.6 else KIND_LP
    if year >= 1985 and roll < 0.2:
        return KIND_CD
    if 1970 <= year < 1995 and roll > 0.93:
        return KIND_CASSETTE
    return KIND_LP


def _format_details(kind: int, double: bool) -> tuple[str, int, tuple[str, ...]]:
    if kind == KIND_LP:
        return "Vinyl", 2 if double else 1, ("LP", "Album")
    if kind == KIND_7INCH:
        return "Vinyl", 1, ('7"', "45 RPM", "Single")
    if kind == KIND_12INCH:
        return "Vinyl", 1, ('12"', "33 ⅓ RPM", "Maxi-Single")
    if kind == KIND_CD:
        return "CD", 1, ("Album",)
    return "Cassette", 1, ("Album",)


def _market_price(
    roll: float, master: Master, *, kind: int, quantity: int, year: int, first: bool
) -> float:
    """A Near Mint copy's going price in USD: older originals of wanted albums cost most."""
    price = 9.0 * float(master.popularity**0.35) * math.exp((roll - 0.5) * 1.4)
    if first and year < 1980:
        price *= 2.0 + (1980 - year) / 10.0
    if quantity > 1:
        price *= 1.4
    elif kind == KIND_7INCH:
        price *= 0.35
    elif kind == KIND_CD:
        price *= 0.45
    elif kind == KIND_CASSETTE:
        price *= 0.4
    if kind in VINYL_KINDS and year >= 2010:
        price = max(price, 24.0)
    return round(max(price, 1.5), 2)
