"""Goldmine grades as Discogs uses them, parsed from Discogs strings (free text: title_grades).

A sleeve can also be "Generic", "Not Graded" or "No Cover". Those say something about the
sleeve but are not a point on the grading scale, so they parse to `SleeveState` and the grade
stays None: a filter "sleeve at least VG" must not accept a record without a cover.
"""

from __future__ import annotations

import re
from enum import Enum


class Grade(Enum):
    """Best to worst. Comparisons follow quality: `Grade.NM > Grade.VG_PLUS`."""

    M = "M"
    NM = "NM"
    VG_PLUS = "VG+"
    VG = "VG"
    G_PLUS = "G+"
    G = "G"
    F = "F"
    P = "P"

    @property
    def score(self) -> int:
        """8 for Mint down to 1 for Poor: the numeric scale used for filters and storage."""
        return _SCORES[self]

    @property
    def discogs_label(self) -> str:
        """The exact string Discogs uses for this grade (also the price-suggestion key)."""
        return _DISCOGS_LABELS[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Grade):
            return NotImplemented
        return self.score < other.score

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Grade):
            return NotImplemented
        return self.score <= other.score

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Grade):
            return NotImplemented
        return self.score > other.score

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Grade):
            return NotImplemented
        return self.score >= other.score


class SleeveState(Enum):
    """Sleeve descriptions Discogs allows that are not grades."""

    GENERIC = "generic"
    NOT_GRADED = "not_graded"
    NO_COVER = "no_cover"


_SCORES = {grade: 8 - index for index, grade in enumerate(Grade)}

_DISCOGS_LABELS = {
    Grade.M: "Mint (M)",
    Grade.NM: "Near Mint (NM or M-)",
    Grade.VG_PLUS: "Very Good Plus (VG+)",
    Grade.VG: "Very Good (VG)",
    Grade.G_PLUS: "Good Plus (G+)",
    Grade.G: "Good (G)",
    Grade.F: "Fair (F)",
    Grade.P: "Poor (P)",
}

# Codes seen in the wild. "M-" and "NM-" are Near Mint; "EX" (UK usage, between NM and VG+)
# and "VG++" are mapped down to VG+ so a filter never overrates a copy.
_CODES: dict[str, Grade] = {
    "M": Grade.M,
    "MINT": Grade.M,
    "NM": Grade.NM,
    "NM-": Grade.NM,
    "M-": Grade.NM,
    "EX": Grade.VG_PLUS,
    "EX+": Grade.VG_PLUS,
    "VG++": Grade.VG_PLUS,
    "VG+": Grade.VG_PLUS,
    "VG": Grade.VG,
    "G+": Grade.G_PLUS,
    "G": Grade.G,
    "F": Grade.F,
    "P": Grade.P,
}

_LABELS_LOWER = {label.lower(): grade for grade, label in _DISCOGS_LABELS.items()}

_SLEEVE_STATES = {
    "generic": SleeveState.GENERIC,
    "not graded": SleeveState.NOT_GRADED,
    "no cover": SleeveState.NO_COVER,
}

_PARENTHESISED_CODE = re.compile(r"\(([A-Za-z+\-]+)(?:\s+or\s+[A-Za-z+\-]+)?\)\s*$")


def parse_grade(text: str | None) -> Grade | None:
    """A grade from a Discogs condition string or a bare code; None when it is not a grade."""
    if not text:
        return None
    cleaned = text.strip()
    exact = _LABELS_LOWER.get(cleaned.lower())
    if exact is not None:
        return exact
    code = _CODES.get(cleaned.upper())
    if code is not None:
        return code
    # Variants such as "Very Good Plus (VG+)" with different wording keep the code in brackets.
    match = _PARENTHESISED_CODE.search(cleaned)
    if match:
        return _CODES.get(match.group(1).upper())
    return None


def parse_sleeve(text: str | None) -> tuple[Grade | None, SleeveState | None]:
    """A sleeve condition: either a grade, or one of the non-grade sleeve states."""
    if not text:
        return None, None
    state = _SLEEVE_STATES.get(text.strip().lower())
    if state is not None:
        return None, state
    return parse_grade(text), None
