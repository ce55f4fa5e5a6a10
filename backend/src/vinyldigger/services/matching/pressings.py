"""Which pressing of a work a listing is, from the facts its title and item specifics state.

Every fact stated outside the artist and title is compared with each pressing the matcher
knows; a fact that contradicts a pressing rules it out, with the reason. The listing is:
- the candidate itself ("same") when the barcode is the candidate's, or when the caller gave
  all versions of the master and the facts rule out every other version;
- another pressing ("other") when the facts rule out every candidate of the work; when they
  leave exactly one version of the master, that version is named;
- undetermined otherwise (the usual case: "Artist - Title LP VG+" fits every pressing).

The listing's item (a CD, a poster) is a fact too: a CD rules out every vinyl pressing.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass, field

from vinyldigger.services.marketplaces.dto import Listing
from vinyldigger.services.matching.facts import (
    TitleReading,
    describe,
    stated_facts,
)
from vinyldigger.services.matching.features import NOT_PLAIN, feature_name, is_weight
from vinyldigger.services.matching.index import Pressing, Work, label_words
from vinyldigger.services.matching.media import ItemKind
from vinyldigger.services.matching.models import (
    FieldCheck,
    PressingFact,
    PressingVerdict,
    RuledOutPressing,
)
from vinyldigger.services.matching.text import (
    EUROPEAN_COUNTRIES,
    FORMAT_7IN,
    FORMAT_12IN,
    FORMAT_CASSETTE,
    FORMAT_CD,
    FORMAT_LP,
    TokenKind,
    normalise_barcode,
    normalise_catno,
)

# Before this year a plain pressing was not heavy vinyl.
HEAVY_VINYL_ERA = 1995


@dataclass(frozen=True, slots=True)
class ListingFacts:
    """Facts stated outside the artist and title, so a year in a title is not read as one."""

    years: frozenset[int]
    # True: the title says original ("OG", "1st press"); False: reissue; None: neither or both.
    says_original: bool | None
    says_reissue: bool
    # "OG", "original", "1st press": firmer than a bare "UK 1st", which sellers also write on
    # the first pressing of a reissue.
    says_first_press: bool
    countries: frozenset[str]
    format_class: str | None
    # Words outside the names: any of them can name a label, but only ones that are not
    # common listing words ("heavyweight", "original") can contradict a label.
    words: frozenset[str]
    distinctive_words: frozenset[str]
    catnos: frozenset[str]
    # Positions of words read as facts (catalog numbers, features, items), explained words.
    explained_positions: frozenset[int]
    barcodes: frozenset[str]
    features: frozenset[str]
    item: ItemKind
    facts: tuple[PressingFact, ...] = ()

    @property
    def catno_positions(self) -> frozenset[int]:
        return self.explained_positions


def listing_facts(
    reading: TitleReading,
    name_positions: frozenset[int],
    listing: Listing,
    known_catnos: frozenset[str],
    known_labels: frozenset[str] = frozenset(),
) -> ListingFacts:
    """`known_catnos`: catalog numbers of the work's pressings, the only ones worth reading."""
    text = reading.text
    catnos: set[str] = set()
    catno_positions: set[int] = set()
    if listing.catalog_number:
        catnos.add(normalise_catno(listing.catalog_number))
    for first, last, catno in text.catno_spans:
        span = range(first, last + 1)
        if catno in known_catnos and not name_positions.intersection(span):
            catnos.add(catno)
            catno_positions.update(span)
    barcodes = set(text.barcodes)
    if listing.barcode and (code := normalise_barcode(listing.barcode)):
        barcodes.add(code)
    not_facts = name_positions | catno_positions
    # "RM 06145" is a catalog number, not "remastered".
    original = any(pos not in not_facts for pos in text.original_positions)
    reissue = any(pos not in not_facts for pos in text.reissue_positions)
    features = [m for m in reading.features if not name_positions.intersection(m.span)]
    item = reading.item_kind(name_positions)
    years = {year for pos, year in text.years if pos not in not_facts}
    if listing.release_year:
        years.add(listing.release_year)
    words = {word for pos, word in enumerate(text.tokens) if pos not in name_positions}
    distinctive = {
        word for pos, (word, kind) in enumerate(zip(text.tokens, text.kinds, strict=True))
        if pos not in name_positions and kind is TokenKind.WORD
    }  # fmt: skip
    if listing.label:
        words |= label_words(listing.label)
        distinctive |= label_words(listing.label)
    explained = catno_positions.union(
        *(m.span for m in features if m.explains), reading.item_positions
    )
    return ListingFacts(
        years=frozenset(years),
        says_original=original if original != reissue else None,
        says_reissue=reissue,
        says_first_press=original and _first_press(text.tokens, text.original_positions, not_facts),
        countries=frozenset(c for pos, c in text.countries if pos not in name_positions),
        format_class=_listing_format(text.formats),
        words=frozenset(words),
        distinctive_words=frozenset(distinctive),
        catnos=frozenset(catnos),
        explained_positions=frozenset(explained),
        barcodes=frozenset(barcodes),
        features=frozenset(m.key for m in features),
        item=item,
        facts=stated_facts(
            reading,
            name_positions=name_positions,
            catno_positions=catno_positions,
            features=features,
            item=item,
            listing=listing,
            label_words=known_labels,
        ),
    )


_PRESS_WORDS = frozenset(("press", "pressing", "pressed", "issue"))


def _first_press(
    tokens: Sequence[str], positions: Sequence[int], not_facts: Container[int]
) -> bool:
    return any(
        tokens[pos] in ("og", "orig", "original")
        or (pos + 1 < len(tokens) and tokens[pos + 1] in _PRESS_WORDS)
        for pos in positions if pos not in not_facts
    )  # fmt: skip


def _listing_format(formats: frozenset[str]) -> str | None:
    if FORMAT_LP in formats:
        # '12" LP' is an LP; "LP + CD" says two things at once, so it says nothing.
        return None if formats & {FORMAT_CD, FORMAT_CASSETTE, FORMAT_7IN} else FORMAT_LP
    return next(iter(formats)) if len(formats) == 1 else None


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
    # Why the stated facts rule this pressing out; empty when nothing does.
    reasons: tuple[str, ...] = ()
    # Stated edition features the pressing has ("180g" on a 180 gram reissue).
    feature_matches: int = 0

    @property
    def fields(self) -> tuple[FieldCheck, ...]:
        return (self.year, self.country, self.format, self.label, self.catalog_number,
                self.barcode)  # fmt: skip

    @property
    def conflicts(self) -> int:
        return len(self.reasons)

    @property
    def matches(self) -> int:
        return self.fields.count("match")

    @property
    def preference(self) -> int:
        """How well the pressing fits, for ranking pressings that are not ruled out."""
        edition = {"match": 1, "conflict": -1, "absent": 0}[self.edition]
        return self.matches * 2 + edition + self.feature_matches


def check_pressing(pressing: Pressing, facts: ListingFacts, work: Work) -> PressingCheck:
    others = [other for other in work.pressings if other is not pressing]
    checks = {
        "year": _year(pressing, facts),
        "country": _country(pressing, facts),
        "format": _format(pressing, facts),
        "label": _shared_field(
            pressing.label_words, [o.label_words for o in others], facts.words,
            facts.distinctive_words,
        ),
        "catalog number": _shared_field(
            pressing.catnos, [o.catnos for o in others], facts.catnos, facts.catnos
        ),
        "barcode": _barcode(pressing, facts),
    }  # fmt: skip
    reasons = [
        f"{name} {describe(pressing, name)}" for name, check in checks.items()
        if check == "conflict"
    ]  # fmt: skip
    reasons.extend(_edition_reasons(pressing, facts, work))
    return PressingCheck(
        pressing=pressing,
        year=checks["year"],
        edition=_edition(pressing, facts),
        country=checks["country"],
        format=checks["format"],
        label=checks["label"],
        catalog_number=checks["catalog number"],
        barcode=checks["barcode"],
        reasons=tuple(reasons),
        feature_matches=len(facts.features & pressing.features),
    )


def _earliest_year(work: Work) -> int | None:
    return min((p.year for p in work.pressings if p.year), default=None)


def _is_plain_original(pressing: Pressing, work: Work) -> bool:
    """A first-year pressing Discogs does not call a reissue (its formats are known)."""
    return pressing.reissue is False and pressing.year == _earliest_year(work)


def _edition_reasons(pressing: Pressing, facts: ListingFacts, work: Work) -> list[str]:
    reasons: list[str] = []
    item = facts.item
    if item.carrier and pressing.carriers and item.carrier not in pressing.carriers:
        reasons.append(f"the listing is a {item.carrier}, this pressing is not")
    earliest = _earliest_year(work)
    # A stated year that is this pressing's says which "original" the seller means.
    if facts.says_original and facts.says_first_press and pressing.year not in facts.years:
        if pressing.reissue:
            reasons.append("says original, this pressing is a reissue")
        elif pressing.year and earliest and pressing.year > earliest:
            reasons.append(f"says original, this pressing is from {pressing.year}, not {earliest}")
    plain = _is_plain_original(pressing, work)
    if facts.says_original is False and plain:
        reasons.append("says reissue, this pressing is the original")
    if pressing.carriers or pressing.features or pressing.reissue is not None:
        for feature in sorted(facts.features):
            if feature in pressing.features:
                continue
            if feature == "picture_disc" or (
                plain and (feature in NOT_PLAIN or _weight_rules_out(feature, pressing))
            ):
                reasons.append(f"says {feature_name(feature)}, this pressing is not")
        for channel, other in (("mono", "stereo"), ("stereo", "mono")):
            stated_only = channel in facts.features and channel not in pressing.features
            if stated_only and other in pressing.features:
                reasons.append(f"says {channel}, this pressing is {other}")
    return reasons


def _weight_rules_out(feature: str, pressing: Pressing) -> bool:
    """Heavy vinyl marks a reissue of an old album; new albums often first come out on it
    without Discogs saying so."""
    return is_weight(feature) and pressing.year is not None and pressing.year < HEAVY_VINYL_ERA


def _year(pressing: Pressing, facts: ListingFacts) -> FieldCheck:
    if not facts.years or pressing.year is None:
        return "absent"
    if pressing.year in facts.years:
        return "match"
    # "1973 reissue": the year the album came out, stated on a later pressing.
    if facts.says_reissue and all(year < pressing.year for year in facts.years):
        return "absent"
    return "conflict"


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
    # The versions the facts rule out, and for "other" the one version left, if one is.
    ruled_out: tuple[RuledOutPressing, ...] = ()
    other_release_id: int | None = None
    # No candidate is of the item the listing is (a CD of a vinyl-only want).
    wrong_item: bool = False
    checks: Sequence[PressingCheck] = field(default=())


def choose_pressing(work: Work, facts: ListingFacts, rejected: frozenset[int]) -> PressingChoice:
    """The candidate of `work` the listing most likely is, and what is known about it."""
    checks = [check_pressing(pressing, facts, work) for pressing in work.pressings]
    candidates = [
        check for check in checks
        if check.pressing.is_candidate and check.pressing.release_id not in rejected
    ]  # fmt: skip
    if not candidates:
        raise ValueError("choose_pressing needs a work with a candidate that is not rejected")
    ruled_out = tuple(
        RuledOutPressing(release_id=check.pressing.release_id, reason="; ".join(check.reasons))
        for check in checks if check.reasons
    )  # fmt: skip
    carrier = facts.item.carrier
    wrong_item = carrier is not None and not any(
        carrier in check.pressing.carriers or not check.pressing.carriers for check in candidates
    )
    by_barcode = [check for check in candidates if check.barcode == "match"]
    if by_barcode and not wrong_item:
        return PressingChoice(by_barcode[0], "same", ruled_out, checks=checks)
    consistent = [check for check in checks if not check.reasons]
    consistent_candidates = [check for check in candidates if not check.reasons]
    if not consistent_candidates:
        closest = min(candidates, key=lambda check: (check.conflicts, -check.preference))
        other = None
        if work.pressings_complete and len(consistent) == 1:
            other = consistent[0].pressing.release_id
        return PressingChoice(closest, "other", ruled_out, other, wrong_item, checks)
    # Ties go to the earliest pressing: originals are what most copies for sale are.
    best = max(
        consistent_candidates,
        key=lambda check: (check.preference, -(check.pressing.year or 9999)),
    )
    verdict: PressingVerdict = "undetermined"
    if work.pressings_complete and len(consistent) == 1:
        verdict = "same"
    return PressingChoice(best, verdict, ruled_out, checks=checks)
