"""Finding a work's artist and title among a listing's words, and what is left over.

Artist and title are aligned separately, so their order in the listing does not matter
("Title by Artist", "Artist - Title", "1977 OG Artist: Title"). Each is a short phrase found
in a window barely longer than itself, tolerating one typo per word, one inserted word and a
changed word order (at a small cost). The two never share a listing word, so an artist named
in the title ("Tiger Mountain - Tiger") and self-titled albums are told apart.

What the alignment leaves unexplained matters as much as what it finds: "Tiger Mountain LP"
contains all of the title "Tiger", but "Mountain" right after it says it is another record.
"""

from __future__ import annotations

from dataclasses import dataclass

from vinyldigger.services.matching.index import CandidateIndex, Work
from vinyldigger.services.matching.names import PLURAL_SIMILARITY, Phrase
from vinyldigger.services.matching.text import ListingText, TokenKind

# A title whose number or roman numeral is missing ("Vol. 1" for "Vol. 2") scores at most this.
CRITICAL_MISS_CAP = 0.5
# A word found only in the singular or plural ("Star" for "Stars") may be another record's
# name: the phrase then scores below any threshold for high confidence.
PLURAL_CAP = 0.6
# A phrase found with its words out of order ("Falk Marta") keeps this share of its score.
_REORDER_FACTOR = 0.9
_SELF_TITLED_MARKERS = (("s", "t"), ("self", "titled"), ("selftitled",), ("st",))
# A self-titled album whose name appears only once could be any album by the artist.
SELF_TITLED_SINGLE_MENTION = 0.7


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    score: float
    positions: tuple[int, ...]


NO_MATCH = PhraseMatch(0.0, ())


class ListingWords:
    """A listing title's words and, for each, the vocabulary words it may stand for."""

    def __init__(self, text: ListingText, index: CandidateIndex) -> None:
        self.text = text
        self.occurrences: dict[str, list[tuple[int, float]]] = {}
        for position, word in enumerate(text.tokens):
            for name_word, similarity in index.similar_words(word).items():
                self.occurrences.setdefault(name_word, []).append((position, similarity))
        self.vocabulary_words = frozenset(self.occurrences)
        # Listing words that are also words of some candidate's name.
        self.name_like = frozenset(
            position for position, word in enumerate(text.tokens) if word in index.vocabulary
        )


def align_phrase(phrase: Phrase, listing: ListingWords, excluded: frozenset[int]) -> PhraseMatch:
    """The best window of the listing for this phrase, scored 0-1 by weighted word matches."""
    if not phrase.words:
        return NO_MATCH
    total = sum(phrase.weights)
    options = [
        [(pos, sim) for pos, sim in listing.occurrences.get(word, ()) if pos not in excluded]
        for word in phrase.words
    ]
    anchors = sorted({position for found in options for position, _ in found})
    best = NO_MATCH
    for anchor in anchors:
        # One word more than the phrase: room for a dropped or an inserted word.
        window_end = anchor + len(phrase.words)
        used: list[int] = []
        gained = 0.0
        critical_missed = plural_only = False
        for number, (weight, found) in enumerate(zip(phrase.weights, options, strict=True)):
            pick = max(
                ((sim, -pos) for pos, sim in found
                 if anchor <= pos <= window_end and pos not in used),
                default=None,
            )  # fmt: skip
            if pick is not None:
                used.append(-pick[1])
                gained += weight * pick[0]
                plural_only = plural_only or pick[0] == PLURAL_SIMILARITY
            if number in phrase.critical and (pick is None or pick[0] < 1.0):
                critical_missed = True
        score = phrase.ceiling * gained / total
        if used != sorted(used):
            score *= _REORDER_FACTOR
        if critical_missed:
            score = min(score, CRITICAL_MISS_CAP)
        if plural_only:
            score = min(score, PLURAL_CAP)
        if score > best.score:
            best = PhraseMatch(score, tuple(sorted(used)))
    return best


@dataclass(frozen=True, slots=True)
class NameAlignment:
    artist: PhraseMatch
    title: PhraseMatch

    @property
    def positions(self) -> frozenset[int]:
        return frozenset(self.artist.positions) | frozenset(self.title.positions)


def align_work(work: Work, listing: ListingWords, hint: ListingWords | None) -> NameAlignment:
    """Artist and title of `work` in the listing, never sharing a word."""
    options: list[NameAlignment] = []
    titles = (
        [work.title] if work.title_after_artist is None else [work.title, work.title_after_artist]
    )
    for artist in work.artist_variants or (Phrase((), ()),):
        artist_first = align_phrase(artist, listing, frozenset())
        for title in titles:
            title_after = align_phrase(title, listing, frozenset(artist_first.positions))
            options.append(NameAlignment(artist_first, title_after))
        # A self-titled album's name is the artist's first; otherwise try the title first too.
        title_first = align_phrase(work.title, listing, frozenset())
        if not work.self_titled:
            artist_after = align_phrase(artist, listing, frozenset(title_first.positions))
            options.append(NameAlignment(artist_after, title_first))
        if hint is not None:
            from_hint = align_phrase(artist, hint, frozenset())
            # Found in the item's artist field: no position of the title is taken.
            options.append(NameAlignment(PhraseMatch(from_hint.score, ()), title_first))
    best = max(options, key=_total)
    if work.self_titled and best.title.score < best.artist.score:
        best = _self_titled(best, listing)
    return best


def _total(alignment: NameAlignment) -> tuple[float, int]:
    """Best scores first; of equal ones, the alignment that explains more of the listing
    ("Herbie Hancock & Chick Corea" over "Herbie Hancock" alone)."""
    return alignment.artist.score + alignment.title.score, len(alignment.positions)


def _self_titled(alignment: NameAlignment, listing: ListingWords) -> NameAlignment:
    """The name appears once: "S/T" or "self titled" says it is the album, else unsure."""
    tokens = listing.text.tokens
    for marker in _SELF_TITLED_MARKERS:
        for start in range(len(tokens) - len(marker) + 1):
            if tokens[start : start + len(marker)] == marker:
                positions = tuple(range(start, start + len(marker)))
                return NameAlignment(alignment.artist, PhraseMatch(1.0, positions))
    score = min(alignment.artist.score, SELF_TITLED_SINGLE_MENTION)
    return NameAlignment(alignment.artist, PhraseMatch(score, ()))


@dataclass(frozen=True, slots=True)
class Leftovers:
    """Listing words the alignment and the work's labels do not explain."""

    unexplained: tuple[int, ...]
    title_extended: bool
    artist_extended: bool


def leftovers(
    alignment: NameAlignment, work: Work, listing: ListingWords, catno_positions: frozenset[int]
) -> Leftovers:
    text = listing.text
    explained = alignment.positions | catno_positions
    labels = work.label_words
    unexplained = tuple(
        position for position, (word, kind) in enumerate(zip(text.tokens, text.kinds, strict=True))
        if kind is TokenKind.WORD and position not in explained and word not in labels
    )  # fmt: skip
    # A label word explains itself away from the title. Right next to it, only a wanted
    # pressing's label does, and only if it is no word of a name ("Back" of "Back To Wax"):
    # otherwise it may as well be part of another record's title.
    own_labels = work.candidate_label_words
    label_name_like = frozenset(
        position for position, word in enumerate(text.tokens)
        if position not in explained and word in labels
        and (word not in own_labels or position in listing.name_like)
    )  # fmt: skip
    loose = frozenset(unexplained) | (frozenset(text.bare_numbers) - explained)
    return Leftovers(
        unexplained=unexplained,
        title_extended=_extended(alignment.title.positions, loose | label_name_like, text),
        artist_extended=_extended(alignment.artist.positions, loose, text),
    )


def _extended(positions: tuple[int, ...], loose: frozenset[int], text: ListingText) -> bool:
    """An unexplained word next to (or inside) the phrase, with no separator between.

    Stopwords are looked through: "The Falcon Of Highway" extends "Falcon".
    """
    if not positions:
        return False
    first, last = positions[0], positions[-1]
    if any(position in loose for position in range(first + 1, last)):
        return True
    return _loose_neighbour(first, -1, loose, text) or _loose_neighbour(last, 1, loose, text)


def _loose_neighbour(edge: int, step: int, loose: frozenset[int], text: ListingText) -> bool:
    position = edge
    while True:
        # A separator at the start of the inner token cuts the phrase off from what follows.
        boundary = position if step < 0 else position + 1
        if boundary >= len(text.tokens) or text.segment_starts[boundary]:
            return False
        position += step
        if position < 0:
            return False
        if text.kinds[position] is not TokenKind.STOPWORD:
            return position in loose
