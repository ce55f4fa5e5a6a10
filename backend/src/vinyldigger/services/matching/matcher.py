"""Matching marketplace listings to candidate releases.

Build a `Matcher` once from the candidates (the index), then match listings one by one or in
bulk. Per listing: the works it could be (blocking, plus any work whose barcode or catalog
number the listing carries) are aligned and scored, the best pressing of each is chosen, and
the best work wins if it beats the runner-up clearly enough.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from vinyldigger.services.marketplaces.dto import Listing, MasterVersion, ReleaseSummary
from vinyldigger.services.marketplaces.grades import Grade
from vinyldigger.services.marketplaces.title_grades import grades_from_title
from vinyldigger.services.matching.alignment import (
    ListingWords,
    align_work,
    leftovers,
)
from vinyldigger.services.matching.facts import TitleReading, read_listing
from vinyldigger.services.matching.index import CandidateIndex, Work
from vinyldigger.services.matching.models import (
    MatchDecision,
    MatchEvidence,
    MatchMethod,
    MatchResult,
    listing_key,
)
from vinyldigger.services.matching.pressings import (
    PressingChoice,
    choose_pressing,
    listing_facts,
)
from vinyldigger.services.matching.text import normalise_barcode, normalise_catno, read_title


@dataclass(frozen=True, slots=True)
class MatchThresholds:
    """Where the confidence bands start; chosen from the benchmark (docs/matching.md)."""

    high: float = 0.85
    low: float = 0.6
    # Artist and title must each reach this for a fuzzy match to be high.
    min_name_score: float = 0.8
    # A runner-up of another master this close to the best makes the best low.
    ambiguity_margin: float = 0.05


# Weights of the name score; the title weighs more because an artist's albums share the
# artist, and a wrong album is the costly mistake.
_ARTIST_WEIGHT = 0.4
_TITLE_WEIGHT = 0.6
_UNEXPLAINED_PENALTY = 0.05
_UNEXPLAINED_PENALTY_CAP = 0.2
_TITLE_EXTENDED_PENALTY = 0.25
_ARTIST_EXTENDED_PENALTY = 0.15
_FACT_BONUS = 0.02
_RANK_FACT_WEIGHT = 0.02
_BARCODE_SCORE = 0.99
_CATNO_SCORE = 0.95
# Barcodes and catalog numbers still need the listing to name the artist or the title this
# well: a seller's mistyped or recycled identifier should not outweigh its words.
_IDENTIFIER_NAME_FLOOR = 0.5
_NOT_A_RECORD_CAP = 0.5


@dataclass(frozen=True, slots=True)
class _Scored:
    work: Work
    choice: PressingChoice
    score: float
    # Orders works: the score before capping at 1, moved by how well the facts fit the best
    # pressing, so "Purple Rain LP" prefers the album to the single of the same name.
    rank: float
    high: bool
    method: MatchMethod
    evidence: MatchEvidence


class Matcher:
    """Matches listings against a fixed set of candidate releases.

    `known_pressings` maps a master id to all its versions (Discogs' master versions). With
    them the matcher can tell a candidate pressing from the master's other pressings; without
    them it only says "same pressing" on a barcode.
    """

    def __init__(
        self,
        candidates: Sequence[ReleaseSummary],
        known_pressings: Mapping[int, Sequence[MasterVersion]] | None = None,
        thresholds: MatchThresholds | None = None,
    ) -> None:
        self.index = CandidateIndex(candidates, known_pressings)
        self.thresholds = thresholds or MatchThresholds()

    def match(
        self, listing: Listing, decisions: Iterable[MatchDecision] = ()
    ) -> MatchResult | None:
        key = listing_key(listing)
        relevant = [decision for decision in decisions if decision.listing_key == key]
        confirmed = [d.release_id for d in relevant if d.verdict == "confirmed"]
        rejected = frozenset(d.release_id for d in relevant if d.verdict == "rejected")
        if confirmed:
            return self._confirmed(listing, confirmed[-1])
        if listing.release_id is not None:
            return self._by_release_id(listing, rejected)
        return self._match_text(listing, rejected)

    def match_many(
        self, listings: Iterable[Listing], decisions: Iterable[MatchDecision] = ()
    ) -> list[MatchResult | None]:
        by_listing: dict[str, list[MatchDecision]] = {}
        for decision in decisions:
            by_listing.setdefault(decision.listing_key, []).append(decision)
        return [
            self.match(listing, by_listing.get(listing_key(listing), ())) for listing in listings
        ]

    # -- exact answers -------------------------------------------------------------------

    def _confirmed(self, listing: Listing, release_id: int) -> MatchResult:
        location = self.index.release_locations.get(release_id)
        media, sleeve = _grades(listing)
        return MatchResult(
            listing_key=listing_key(listing),
            release_id=release_id,
            master_id=location[0].master_id if location else None,
            pressing="same",
            score=1.0,
            confidence="high",
            method="confirmed",
            media_grade=media,
            sleeve_grade=sleeve,
        )

    def _by_release_id(self, listing: Listing, rejected: frozenset[int]) -> MatchResult | None:
        """Discogs listings name their release: it is a candidate or it is not."""
        location = self.index.release_locations.get(listing.release_id or 0)
        if location is None or listing.release_id in rejected:
            return None
        media, sleeve = _grades(listing)
        return MatchResult(
            listing_key=listing_key(listing),
            release_id=location[1].release_id,
            master_id=location[0].master_id,
            pressing="same",
            score=1.0,
            confidence="high",
            method="release_id",
            media_grade=media,
            sleeve_grade=sleeve,
        )

    # -- free text -----------------------------------------------------------------------

    def _match_text(self, listing: Listing, rejected: frozenset[int]) -> MatchResult | None:
        text = read_title(listing.title)
        reading = read_listing(text, listing)
        words = ListingWords(text, self.index)
        hint = None
        if listing.artist:
            hint = ListingWords(read_title(listing.artist), self.index)
        present = words.vocabulary_words | (hint.vocabulary_words if hint else frozenset())
        works = {work.index: work for work in self.index.blocked_works(present)}
        for work in self._works_by_identifier(listing, text.barcodes, text.catno_spans):
            works.setdefault(work.index, work)
        scored = [
            self._score(work, listing, reading, words=words, hint=hint, rejected=rejected)
            for work in works.values()
            if any(p.is_candidate and p.release_id not in rejected for p in work.pressings)
        ]
        scored.sort(key=lambda item: item.rank, reverse=True)
        if not scored or scored[0].score < self.thresholds.low:
            return None
        best = scored[0]
        high = best.high and not self._ambiguous(best, scored[1:])
        media, sleeve = _grades(listing)
        return MatchResult(
            listing_key=listing_key(listing),
            release_id=best.choice.check.pressing.release_id,
            master_id=best.work.master_id,
            pressing=best.choice.verdict,
            score=round(best.score, 4),
            confidence="high" if high else "low",
            method=best.method,
            evidence=best.evidence,
            pressing_release_id=best.choice.other_release_id,
            media_grade=media,
            sleeve_grade=sleeve,
        )

    def _works_by_identifier(
        self, listing: Listing, title_barcodes: Iterable[str], spans: Iterable[tuple[int, int, str]]
    ) -> list[Work]:
        found: list[Work] = []
        barcodes = set(title_barcodes)
        if listing.barcode and (code := normalise_barcode(listing.barcode)):
            barcodes.add(code)
        for barcode in barcodes:
            found.extend(work for work, _ in self.index.barcodes.get(barcode, ()))
        catnos = {catno for _, _, catno in spans}
        if listing.catalog_number:
            catnos.add(normalise_catno(listing.catalog_number))
        for catno in catnos:
            found.extend(work for work, _ in self.index.catnos.get(catno, ()))
        return found

    def _score(
        self,
        work: Work,
        listing: Listing,
        reading: TitleReading,
        *,
        words: ListingWords,
        hint: ListingWords | None,
        rejected: frozenset[int],
    ) -> _Scored:
        alignment = align_work(work, words, hint)
        known_catnos = frozenset().union(*(pressing.catnos for pressing in work.pressings))
        facts = listing_facts(reading, alignment.positions, listing, known_catnos, work.label_words)
        left = leftovers(alignment, work, words, facts.explained_positions)
        choice = choose_pressing(work, facts, rejected)
        check = choice.check
        artist, title = alignment.artist.score, alignment.title.score
        score = _ARTIST_WEIGHT * artist + _TITLE_WEIGHT * title
        score -= min(_UNEXPLAINED_PENALTY * len(left.unexplained), _UNEXPLAINED_PENALTY_CAP)
        score -= _TITLE_EXTENDED_PENALTY * left.title_extended
        score -= _ARTIST_EXTENDED_PENALTY * left.artist_extended
        score += _FACT_BONUS * ((check.label == "match") + (check.year == "match"))
        names_agree = max(artist, title) >= _IDENTIFIER_NAME_FLOOR
        method: MatchMethod = "fuzzy"
        if check.barcode == "match" and names_agree:
            method, score = "barcode", max(score, _BARCODE_SCORE)
        elif check.catalog_number == "match" and min(artist, title) >= _IDENTIFIER_NAME_FLOOR:
            method, score = "catalog_number", max(score, _CATNO_SCORE)
        # Memorabilia, or another carrier than any wanted pressing (a CD of a vinyl want).
        not_a_record = words.text.not_a_record or facts.item.thing is not None or choice.wrong_item
        if not_a_record:
            score = min(score, _NOT_A_RECORD_CAP)
        rank = score + _RANK_FACT_WEIGHT * (check.matches - 2 * check.conflicts)
        score = min(max(score, 0.0), 1.0)
        limits = self.thresholds
        names_strong = min(artist, title) >= limits.min_name_score
        high = (
            score >= limits.high
            and not not_a_record
            and (method == "barcode" or (not left.title_extended and not left.artist_extended))
            and (method != "fuzzy" or names_strong)
        )
        raw = words.text.raw_tokens
        evidence = MatchEvidence(
            artist_score=round(artist, 4),
            title_score=round(title, 4),
            artist_words=tuple(raw[p] for p in alignment.artist.positions),
            title_words=tuple(raw[p] for p in alignment.title.positions),
            unexplained_words=tuple(raw[p] for p in left.unexplained),
            title_extended=left.title_extended,
            label=check.label,
            year=check.year,
            format=check.format,
            country=check.country,
            catalog_number=check.catalog_number,
            barcode=check.barcode,
            not_a_record=not_a_record,
            facts=facts.facts,
            ruled_out=choice.ruled_out,
        )
        return _Scored(work, choice, score, rank, high, method, evidence)

    def _ambiguous(self, best: _Scored, others: list[_Scored]) -> bool:
        """Another master scores about as well: the listing may be either record."""
        if best.method != "fuzzy":
            return False
        margin = self.thresholds.ambiguity_margin
        return any(
            other.rank >= best.rank - margin
            and (other.work.master_id is None or other.work.master_id != best.work.master_id)
            for other in others
        )


def _grades(listing: Listing) -> tuple[Grade | None, Grade | None]:
    """Grades the listing states; eBay's coarse conditions ("Used") are no grade at all."""
    title_media, title_sleeve = grades_from_title(listing.title)
    sleeve = listing.sleeve_grade
    if sleeve is None and listing.sleeve_state is None:
        sleeve = title_sleeve
    return listing.media_grade or title_media, sleeve
