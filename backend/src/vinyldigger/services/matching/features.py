"""Edition features: what sets one pressing of an album apart from another besides its label,
catalog number, country and year.

The same vocabulary is read from two sides: the words sellers write ("pic disc", "180g",
"red vinyl", "half-speed", "MONO", "white label promo", "matrix A1/B1") and the format
descriptions Discogs records for each version ("Picture Disc", "180 Gram", "Red",
"Half Speed", "Mono", "Promo").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from vinyldigger.services.matching.models import PressingFactKind

PICTURE_DISC, COLOURED, HALF_SPEED, MONO, STEREO, PROMO = (
    "picture_disc", "coloured", "half_speed", "mono", "stereo", "promo"
)  # fmt: skip
WEIGHT_PREFIX = "weight:"

# Colours Discogs writes as free text of a coloured pressing; "white" and "black" are left
# out ("White Label" is a promo, black is every plain record).
_COLOURS = frozenset(
    ("red", "blue", "green", "yellow", "orange", "purple", "pink", "gold", "silver", "violet",
     "magenta", "cyan", "turquoise", "grey", "gray", "brown", "amber", "bronze", "teal",
     "clear", "transparent", "translucent", "splatter", "marbled", "marble", "swirl",
     "coloured", "colored", "colour", "color", "opaque", "smoke", "neon", "glow", "galaxy")
)  # fmt: skip
_COLOUR_NOUNS = frozenset(("coloured", "colored", "colour", "color", "splatter", "marbled"))
# "Blue LP" may be the end of a title ("Kind Of Blue LP"); "blue vinyl" is a colour.
_VINYL_NOUNS = frozenset(("vinyl", "vinyls", "wax"))
_WEIGHT = re.compile(r"^(1[4-9]0|200|220)(?:g|gm|gr|gram|grams)?$")
_WEIGHT_UNITS = frozenset(("g", "gm", "gr", "gram", "grams"))


@dataclass(frozen=True, slots=True)
class FeatureMention:
    """An edition feature stated in a title: where, which, and as written."""

    first: int
    last: int
    kind: PressingFactKind
    key: str
    written: str
    # A colour ("Amber vinyl") may as well end a title ("Northern Bridge Amber"): it is read
    # as a fact but still counts as a word next to the title.
    explains: bool = True

    @property
    def span(self) -> frozenset[int]:
        return frozenset(range(self.first, self.last + 1))


def feature_mentions(tokens: Sequence[str], raw: Sequence[str]) -> tuple[FeatureMention, ...]:
    found: list[FeatureMention] = []

    def add(first: int, last: int, kind: PressingFactKind, key: str, explains: bool = True) -> None:
        written = " ".join(dict.fromkeys(raw[first : last + 1]))
        found.append(FeatureMention(first, last, kind, key, written, explains))

    count = len(tokens)
    for index, word in enumerate(tokens):
        after = tokens[index + 1] if index + 1 < count else ""
        before = tokens[index - 1] if index > 0 else ""
        if word in ("picture", "pic") and after in ("disc", "disk", "vinyl", "lp"):
            add(index, index + 1, "picture_disc", PICTURE_DISC)
        elif word in ("picturedisc", "picdisc"):
            add(index, index, "picture_disc", PICTURE_DISC)
        elif word in ("splatter", "marbled", "coloured", "colored", "translucent"):
            add(index, index, "coloured", COLOURED)
        elif word in _COLOURS and after in _VINYL_NOUNS:
            add(index, index + 1, "coloured", COLOURED, explains=word in _COLOUR_NOUNS)
        elif (weight := _WEIGHT.match(word)) and (
            word != weight.group(1) or after in _WEIGHT_UNITS
        ):
            last = index if word != weight.group(1) else index + 1
            add(index, last, "weight", WEIGHT_PREFIX + weight.group(1))
        elif (word == "half" and after == "speed") or word == "halfspeed":
            add(index, index + (word == "half"), "half_speed", HALF_SPEED)
        elif word in ("mono", "monaural"):
            add(index, index, "channels", MONO)
        elif word == "stereo" and before != "mono":
            add(index, index, "channels", STEREO)
        elif word in ("promo", "promotional", "wlp"):
            add(index, index, "promo", PROMO)
        elif (word == "white" and after == "label") or (
            word == "test" and after in ("pressing", "press")
        ):
            add(index, index + 1, "promo", PROMO)
        elif word in ("matrix", "runout", "deadwax") or (word == "run" and after == "out"):
            add(index, index + (word == "run"), "matrix", "matrix")
        elif re.fullmatch(r"a\d{1,2}", word) and re.fullmatch(r"b\d{1,2}", after):
            add(index, index + 1, "matrix", "matrix")
    return tuple(found)


def release_features(formats: Iterable[str]) -> frozenset[str]:
    """Edition features of a Discogs version from its format names and descriptions."""
    features: set[str] = set()
    for name in formats:
        lowered = name.strip().lower()
        parts = set(re.findall(r"[a-z0-9]+", lowered))
        if "picture" in parts or lowered == "pic":
            features.add(PICTURE_DISC)
        if parts & _COLOURS:
            features.add(COLOURED)
        if weight := re.match(r"^(1[4-9]0|200|220)\s*(?:g|gm|gram|grams)\b", lowered):
            features.add(WEIGHT_PREFIX + weight.group(1))
        if "half" in parts and "speed" in parts:
            features.add(HALF_SPEED)
        if lowered == "mono":
            features.add(MONO)
        if lowered == "stereo":
            features.add(STEREO)
        # Master versions abbreviate: "TP" is a test pressing, "W/Lbl" a white label.
        if lowered in ("promo", "test pressing", "white label", "tp", "w/lbl"):
            features.add(PROMO)
    return frozenset(features)


# Features that set a pressing apart from a plain black-vinyl original: stating one rules out
# a plain original (one that Discogs does not describe with it).
NOT_PLAIN = frozenset((PICTURE_DISC, COLOURED, HALF_SPEED))


def is_weight(key: str) -> bool:
    return key.startswith(WEIGHT_PREFIX)


def feature_name(key: str) -> str:
    """ "weight:180" reads "180 gram", "picture_disc" reads "picture disc"."""
    if is_weight(key):
        return f"{key.removeprefix(WEIGHT_PREFIX)} gram"
    return key.replace("_", " ")
