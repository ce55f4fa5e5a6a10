"""Which pressing of a work a listing is, from the facts its title states.

Year, country, format, label and catalog number are compared with each pressing the matcher
knows. A fact can agree, contradict, or be missing. The listing is:
- the candidate itself ("same") when the barcode is the candidate's, or when the caller gave
  all versions of the master and every other version is contradicted by some fact;
- another pressing ("other") when every candidate of the work is contradicted;
- undetermined otherwise (the usual case: "Artist - Title LP VG+" fits every pressing).
"""

from __future__ import annotations

from dataclasses import dataclass

from vinyldigger.services.matching.index import Pressing, Work
from vinyldigger.services.matching.models import FieldCheck, PressingVerdict
from vinyldigger.services.matching.text import (
    EUROPEAN_COUNTRIES,
    FORMAT_7IN,
    FORMAT_12IN,
    FORMAT_CASSETTE,
    FORMAT_CD,
    FORMAT_LP,
    ListingText,
    TokenKind,
    normalise_barcode,
    normalise_catno,
)


@dataclass(frozen=True, slots=True)
class ListingFacts:
    """Facts stated outside the artist and title, so a year in a title is not read as one."""

    years: frozenset[int]
    # True: the title says original ("OG", "1st press"); False: reissue; None: neither or both.
    says_original: bool | None
    countries: frozenset[str]
    format_class: str | None
    # Words outside the names: any of them can name a label, but only ones that are not
    # common listing words ("heavyweight", "original") can contradict a label.
    words: frozenset[str]
    distinctive_words: frozenset[str]
    catnos: frozenset[str]
    catno_positions: frozenset[int]
    barcodes: frozenset[str]


@dataclass(frozen=True, slots=True)
class PressingCheck:
    pressing: Pressing
    year: FieldCheck
    edition: FieldCheck
    country: FieldCheck
    format: FieldCheck
    label: FieldCheck
    catalog_number: FieldCheck
    barcode: FieldCheck

    @property
    def fields(self) -> tuple[FieldCheck, ...]:
        """The facts that can rule a pressing out."""
        return (self.year, self.country, self.format, self.label, self.catalog_number,
                self.barcode)  # fmt: skip

    @property
    def conflicts(self) -> int:
        return self.fields.count("conflict")

    @property
    def matches(self) -> int:
        return self.fields.count("match")

    @property
    def preference(self) -> int:
        """How well the pressing fits, for ranking pressings that are not ruled out.

        "OG" and "reissue" only rank: sellers use them loosely ("UK 1st" on a reissue).
        """
        edition = {"match": 1, "conflict": -1, "absent": 0}[self.edition]
        return self.matches * 2 + edition


def listing_facts(
    text: ListingText,
    name_positions: frozenset[int],
    field_catno: str | None,
    field_barcode: str | None,
    known_catnos: frozenset[str],
) -> ListingFacts:
    """`known_catnos`: catalog numbers of the work's pressings, the only ones worth reading."""
    catnos: set[str] = set()
    catno_positions: set[int] = set()
    if field_catno:
        catnos.add(normalise_catno(field_catno))
    for first, last, catno in text.catno_spans:
        span = range(first, last + 1)
        if catno in known_catnos and not name_positions.intersection(span):
            catnos.add(catno)
            catno_positions.update(span)
    barcodes = set(text.barcodes)
    if field_barcode and (code := normalise_barcode(field_barcode)):
        barcodes.add(code)
    not_facts = name_positions | catno_positions
    original = any(pos not in name_positions for pos in text.original_positions)
    reissue = any(pos not in name_positions for pos in text.reissue_positions)
    return ListingFacts(
        years=frozenset(year for pos, year in text.years if pos not in not_facts),
        says_original=original if original != reissue else None,
        countries=frozenset(c for pos, c in text.countries if pos not in name_positions),
        format_class=_listing_format(text.formats),
        words=frozenset(word for pos, word in enumerate(text.tokens) if pos not in name_positions),
        distinctive_words=frozenset(
            word for pos, (word, kind) in enumerate(zip(text.tokens, text.kinds, strict=True))
            if pos not in name_positions and kind is TokenKind.WORD
        ),
        catnos=frozenset(catnos),
        catno_positions=frozenset(catno_positions),
        barcodes=frozenset(barcodes),
    )  # fmt: skip


def _listing_format(formats: frozenset[str]) -> str | None:
    if FORMAT_LP in formats:
        # '12" LP' is an LP; "LP + CD" says two things at once, so it says nothing.
        return None if formats & {FORMAT_CD, FORMAT_CASSETTE, FORMAT_7IN} else FORMAT_LP
    return next(iter(formats)) if len(formats) == 1 else None


def check_pressing(pressing: Pressing, facts: ListingFacts, work: Work) -> PressingCheck:
    others = [other for other in work.pressings if other is not pressing]
    return PressingCheck(
        pressing=pressing,
        year=_year(pressing, facts),
        edition=_edition(pressing, facts),
        country=_country(pressing, facts),
        format=_format(pressing, facts),
        label=_shared_field(
            pressing.label_words,
            [other.label_words for other in others],
            facts.words,
            facts.distinctive_words,
        ),
        catalog_number=_shared_field(
            pressing.catnos, [other.catnos for other in others], facts.catnos, facts.catnos
        ),
        barcode=_barcode(pressing, facts),
    )


def _year(pressing: Pressing, facts: ListingFacts) -> FieldCheck:
    if not facts.years or pressing.year is None:
        return "absent"
    return "match" if pressing.year in facts.years else "conflict"


def _edition(pressing: Pressing, facts: ListingFacts) -> FieldCheck:
    if facts.says_original is None or pressing.reissue is None:
        return "absent"
    return "match" if facts.says_original != pressing.reissue else "conflict"


def _country(pressing: Pressing, facts: ListingFacts) -> FieldCheck:
    if not facts.countries or not pressing.country:
        return "absent"
    release_countries = {part.strip() for part in pressing.country.replace("&", ",").split(",")}
    for stated in facts.countries:
        if stated in release_countries:
            return "match"
        european = stated in EUROPEAN_COUNTRIES
        if european and "Europe" in release_countries:
            return "match"
        if stated == "Europe" and release_countries & EUROPEAN_COUNTRIES:
            return "match"
    return "conflict"


def _format(pressing: Pressing, facts: ListingFacts) -> FieldCheck:
    stated, actual = facts.format_class, pressing.format_class
    if stated is None or actual is None:
        return "absent"
    if stated == actual:
        return "match"
    # '12" vinyl' is how many sellers describe an LP.
    if stated == FORMAT_12IN and actual == FORMAT_LP:
        return "absent"
    return "conflict"


def _shared_field(
    own: frozenset[str],
    others: list[frozenset[str]],
    stated: frozenset[str],
    stated_firmly: frozenset[str],
) -> FieldCheck:
    """Agrees when the listing names this pressing's value, contradicts when it names only
    another pressing's value (labels and catalog numbers are often shared between pressings)."""
    if own & stated:
        return "match"
    if any((other - own) & stated_firmly for other in others):
        return "conflict"
    return "absent"


def _barcode(pressing: Pressing, facts: ListingFacts) -> FieldCheck:
    if not facts.barcodes or not pressing.barcodes:
        return "absent"
    return "match" if pressing.barcodes & facts.barcodes else "conflict"


@dataclass(frozen=True, slots=True)
class PressingChoice:
    check: PressingCheck
    verdict: PressingVerdict


def choose_pressing(work: Work, facts: ListingFacts, rejected: frozenset[int]) -> PressingChoice:
    """The candidate of `work` the listing most likely is, and what is known about it."""
    checks = [check_pressing(pressing, facts, work) for pressing in work.pressings]
    candidates = [
        check for check in checks
        if check.pressing.is_candidate and check.pressing.release_id not in rejected
    ]  # fmt: skip
    if not candidates:
        raise ValueError("choose_pressing needs a work with a candidate that is not rejected")
    by_barcode = [check for check in candidates if check.barcode == "match"]
    if by_barcode:
        return PressingChoice(by_barcode[0], "same")
    consistent = [check for check in checks if check.conflicts == 0]
    consistent_candidates = [check for check in candidates if check.conflicts == 0]
    if not consistent_candidates:
        closest = min(candidates, key=lambda check: (check.conflicts, -check.preference))
        return PressingChoice(closest, "other")
    # Ties go to the earliest pressing: originals are what most copies for sale are.
    best = max(
        consistent_candidates,
        key=lambda check: (check.preference, -(check.pressing.year or 9999)),
    )
    if work.pressings_complete and len(consistent) == 1:
        return PressingChoice(best, "same")
    return PressingChoice(best, "undetermined")
