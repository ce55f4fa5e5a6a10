"""Artist names and titles as weighted phrases, and when two words are the same word.

Sellers drop what matters least: "The" before a band, stopwords, bracketed parts of a title
("(Remastered)"), the band behind a leader ("Prince" for "Prince And The Revolution"). Those
parts weigh less, or get a phrase of their own that can score a little less than the full
name. Numbers and roman numerals weigh as much as anything but must match exactly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from vinyldigger.services.matching.text import NOISE_WORDS, STOPWORDS, name_words, words

# Full typo tolerance starts at this length: shorter words differ in meaning, not in spelling;
# from MIN_TYPO_LENGTH letters two swapped letters are still read as a typo.
_MIN_FUZZY_LENGTH = 5
MIN_TYPO_LENGTH = 4
TYPO_SIMILARITY = 0.8
PLURAL_SIMILARITY = 0.6
STOPWORD_WEIGHT = 0.25
LEADER_CEILING = 0.85
_BAND_LINKS = frozenset(("the", "his", "her", "their"))
_BRACKETED_WEIGHT = 0.1
_NOISE_WEIGHT = 0.5
_ROMAN_NUMERALS = frozenset(
    ("ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii", "xiii", "xiv", "xv", "xx")
)


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


def token_similarity(listing_word: str, name_word: str) -> float:
    """1 for the same word, less for a likely typo or plural, 0 for a different word."""
    if listing_word == name_word:
        return 1.0
    if listing_word.isdigit() or name_word.isdigit():
        return 0.0
    shorter, longer = sorted((listing_word, name_word), key=len)
    if longer in (shorter + "s", shorter + "es"):
        return PLURAL_SIMILARITY
    if len(shorter) < MIN_TYPO_LENGTH:
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


def artist_variants(artists: Sequence[str]) -> tuple[Phrase, ...]:
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


def title_after_artist(title: Phrase, artists: Sequence[Phrase]) -> Phrase | None:
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
            if not bracketed and (word.isdigit() or word in _ROMAN_NUMERALS):
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
