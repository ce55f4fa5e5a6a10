"""Goldmine grades a seller states in free text: eBay titles and eBay item specifics.

Sellers write "VG+/VG" (media first, by the Discogs convention), "Media F Sleeve P",
"Vinyl: EX Cover: VG+", "NM vinyl, VG cover", "(M-)", "SEALED", "no cover", or nothing at all.
The rules, all of them chosen so that a filter never sees a copy better than it is:

- Codes: M, NM (also NM-, M-, "Near Mint"), VG+ (also VG++, EX+, EX, "Excellent"), VG (also
  EX-), G+ (also VG-), G, F (also G-), P. The UK "EX" scale sits between NM and VG+, so EX
  reads as VG+, never NM.
- The single letters M, G, F and P (and the words Mint, Good, Fair, Poor) count only where
  the seller is plainly grading: after a label ("Media F"), in a pair ("G/G"), or before
  "condition". "Dial M for Murder" states no grade.
- A pair "X/Y" is media X and sleeve Y. A range "VG+ to NM" reads as its lower end.
- One unlabelled grade is the media's; the sleeve is then unknown.
- Sealed ("SEALED", "still sealed", "factory sealed", "SS") means unplayed: media M. The
  sleeve of a sealed copy is only graded when the seller grades it, since shrink wrap hides
  neither cut-outs nor ring wear.
- "no cover", "no sleeve", "record only" give the sleeve state NO_COVER; "generic sleeve",
  "company sleeve" give GENERIC. Neither is a grade.
- Anything contradictory or unclear (two different unlabelled grades, a label with two
  grades) gives None for that part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from vinyldigger.services.marketplaces.grades import Grade, SleeveState, parse_grade

Part = Literal["media", "sleeve"]


@dataclass(frozen=True, slots=True)
class StatedGrades:
    """What a text says about the media and the sleeve; None where it says nothing clear."""

    media: Grade | None = None
    sleeve: Grade | None = None
    sleeve_state: SleeveState | None = None


_CODES: dict[str, Grade] = {
    "M": Grade.M,
    "NM": Grade.NM,
    "NM-": Grade.NM,
    "NM+": Grade.NM,
    "M-": Grade.NM,
    "EX+": Grade.VG_PLUS,
    "EX": Grade.VG_PLUS,
    "EXC": Grade.VG_PLUS,
    "EX-": Grade.VG,
    "E+": Grade.VG_PLUS,
    "E": Grade.VG_PLUS,
    "E-": Grade.VG,
    "VG++": Grade.VG_PLUS,
    "VG+": Grade.VG_PLUS,
    "VG": Grade.VG,
    "VG-": Grade.G_PLUS,
    "G+": Grade.G_PLUS,
    "G": Grade.G,
    "G-": Grade.F,
    "F+": Grade.F,
    "F": Grade.F,
    "P": Grade.P,
}
# Codes that are also ordinary letters; they need a grading context.
_WEAK_CODES = frozenset({"M", "G", "F", "P", "E", "E+", "E-", "G-", "F+"})

_WORDS: tuple[tuple[str, Grade, bool], ...] = (
    # (pattern, grade, strong): strong words are grades wherever they stand.
    (r"near[\s-]*mint(?:\s*minus|\s*-(?![a-z0-9]))?", Grade.NM, True),
    (r"mint\s*minus|mint-(?![a-z0-9])", Grade.NM, True),
    (r"very\s+good\s*(?:plus|\+)", Grade.VG_PLUS, True),
    (r"very\s+good\s*(?:minus|-(?![a-z0-9]))", Grade.G_PLUS, True),
    (r"very\s+good", Grade.VG, True),
    (r"good\s*(?:plus|\+)", Grade.G_PLUS, True),
    (r"excellent\s*(?:minus|-(?![a-z0-9]))", Grade.VG, False),
    (r"excellent\s*(?:plus|\+)?", Grade.VG_PLUS, False),
    (r"mint", Grade.M, False),
    (r"good", Grade.G, False),
    (r"fair", Grade.F, False),
    (r"poor", Grade.P, False),
)

_CODE_PATTERN = "|".join(re.escape(code) for code in sorted(_CODES, key=len, reverse=True))
_TOKEN = re.compile(
    r"(?P<word>(?<![a-z0-9])(?:"
    + "|".join(f"(?:{pattern})" for pattern, _, _ in _WORDS)
    + r")(?![a-z0-9+]))"
    + r"|(?P<code>(?<![a-z0-9+\-'])(?:"
    + _CODE_PATTERN
    + r")(?![a-z0-9+]|-[a-z0-9]))"
    + r"|(?P<media>\b(?:media|vinyl|vinyle|record|disc|disk|wax)\b)"
    + r"|(?P<sleeve>\b(?:sleeve|cover|jacket|slv|cvr)\b)"
    + r"|(?P<cond>\b(?:condition|cond|shape|grade|graded|grading)\b\.?)"
    + r"|(?P<to>\bto\b)"
    + r"|(?P<link>\b(?:is|in|are)\b|[:=]|(?<=\s)-(?=\s))"
    + r"|(?P<slash>/)"
    + r"|(?P<other>[a-z0-9']+|[^\sa-z0-9])",
    re.IGNORECASE,
)

_NO_COVER = re.compile(
    r"\b(?:no|without|w/o|missing)\s+(?:the\s+|original\s+|picture\s+|pic\s+)?"
    r"(?:cover|sleeve|jacket|p/?s)\b|\b(?:record|vinyl|disc|lp)\s+only\b",
    re.IGNORECASE,
)
_NO_RECORD = re.compile(
    r"\b(?:cover|sleeve|jacket)\s+only\b|\bempty\s+(?:cover|sleeve|jacket)\b"
    r"|\bno\s+(?:record|vinyl|disc|lp)\b",
    re.IGNORECASE,
)
_GENERIC = re.compile(
    r"\b(?:generic|company|plain|stock|white|die[\s-]?cut)\s+(?:paper\s+)?(?:sleeve|cover)\b",
    re.IGNORECASE,
)
_SEALED = re.compile(
    r"(?<![a-z])(?<!un)(?<!re)(?<!not\s)(?:still\s+|factory\s+|new\s+|brand\s+new\s+)?"
    r"sealed\b|\bSS\b|\bshrink[\s-]?wrapped\b",
    re.IGNORECASE,
)
# Sleeve words that name a kind of sleeve rather than introduce its grade.
_SLEEVE_KINDS = re.compile(
    r"\b(?:inner|innersleeve|printed|paper|poly|custom|outer)\s+(?:sleeve|cover)s?\b"
    r"|\bp/s\b|\bgatefold\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Token:
    kind: str
    text: str
    grade: Grade | None = None
    strong: bool = False
    used: bool = False


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        raw = match.group(0)
        if kind == "word":
            grade, strong = _word_grade(raw)
            # An all-caps "MINT" in a title that is not all caps is a seller shouting a grade.
            strong = strong or (raw == "MINT" and not text.isupper())
            tokens.append(_Token("grade", raw, grade, strong))
        elif kind == "code":
            code = raw.upper()
            tokens.append(_Token("grade", raw, _CODES[code], code not in _WEAK_CODES))
        else:
            tokens.append(_Token(kind, raw))
    return tokens


def _word_grade(raw: str) -> tuple[Grade, bool]:
    for pattern, grade, strong in _WORDS:
        if re.fullmatch(pattern, raw, re.IGNORECASE):
            return grade, strong
    raise ValueError(raw)  # pragma: no cover - the token pattern only matches these words


class _Reader:
    """One pass over a text's tokens, assigning grades to media and sleeve."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.found: dict[Part, set[Grade]] = {"media": set(), "sleeve": set()}
        self.media_unlabelled = False

    def text(self, index: int) -> str:
        return self.tokens[index].text if 0 <= index < len(self.tokens) else ""

    def kind(self, index: int) -> str:
        return self.tokens[index].kind if 0 <= index < len(self.tokens) else "end"

    def grade_at(self, index: int, *, weak: bool) -> tuple[Grade, int] | None:
        """A grade (or a range "X to Y", read as its lower end) starting at `index`."""
        if self.kind(index) != "grade" or self.tokens[index].used:
            return None
        token = self.tokens[index]
        if not (token.strong or weak):
            return None
        end = index + 1
        grade = token.grade
        assert grade is not None
        if self.kind(end) == "to" and self.kind(end + 1) == "grade":
            other = self.tokens[end + 1].grade
            assert other is not None
            grade, end = min(grade, other), end + 2
        return grade, end

    def assign(self, part: Part, grade: Grade, start: int, end: int) -> None:
        self.found[part].add(grade)
        for token in self.tokens[start:end]:
            token.used = True

    def pair_at(self, index: int) -> tuple[Grade, Grade, int] | None:
        """`X/Y` (either may be a single letter), or two strong codes side by side."""
        first = self.grade_at(index, weak=True)
        if first is None or self.kind(index - 1) == "slash":
            return None
        grade, end = first
        if self.kind(end) == "slash":
            second = self.grade_at(end + 1, weak=True)
            if second is not None and self.kind(second[1]) != "slash":
                return grade, second[0], second[1]
            return None
        second = self.grade_at(end, weak=False)
        if self.tokens[index].strong and second is not None:
            return grade, second[0], second[1]
        return None

    def label_part(self, index: int) -> Part | None:
        kind = self.kind(index)
        return "media" if kind == "media" else "sleeve" if kind == "sleeve" else None

    def forward(self, index: int) -> tuple[Part, int] | None:
        """A label followed by its grade: "Media: VG+", "Sleeve - EX", "cover in VG"."""
        part = self.label_part(index)
        if part is None:
            return None
        start = index + 1
        while self.kind(start) in ("link", "cond"):
            start += 1
        if self.kind(start) != "grade":
            return None
        return part, start

    def backward(self, index: int) -> tuple[Part, int] | None:
        """A grade followed by its label: "NM vinyl", "F Vinyl P Cover", "EX+ to NM shape
        cover". Single letters count here, words such as "good" do not ("Feel Good Record")."""
        token = self.tokens[index] if 0 <= index < len(self.tokens) else None
        if token is None or token.kind != "grade" or not (token.strong or len(token.text) <= 2):
            return None
        if self.kind(index - 1) == "slash" or self.pair_at(index) is not None:
            return None
        found = self.grade_at(index, weak=True)
        if found is None:
            return None
        end = found[1]
        while self.kind(end) == "cond":
            end += 1
        part = self.label_part(end)
        if part is None or self.text(end + 1) in (":", "="):
            return None  # "VG+ Vinyl: NM": the colon ties the label to what follows
        return part, end + 1

    def read(self, style: str) -> None:
        """Assign grades, reading labels the given way round: "Vinyl VG+" or "VG+ vinyl"."""
        self._combined_labels()
        if style == "forward":
            self._forward_labels()
        pairs = self._pairs()
        if style == "backward":
            self._backward_labels()
        if not (pairs or self.found["media"] or self.found["sleeve"]):
            self._singles()
        elif self.found["sleeve"] and not self.found["media"]:
            # "LP EX, cover VG": the one grade without a label is the media's.
            self._singles()

    @property
    def score(self) -> int:
        """Parts read with one grade, less parts read with conflicting grades."""
        return sum(1 if len(grades) == 1 else -1 for grades in self.found.values() if grades)

    def _combined_labels(self) -> None:
        """ "Media/Sleeve: VG+/VG", "Cover/Vinyl VG/EX" (the labels say the order)."""
        for index in range(len(self.tokens)):
            first = self.label_part(index)
            second = self.label_part(index + 2)
            if not first or not second or first == second or self.kind(index + 1) != "slash":
                continue
            start = index + 3
            while self.kind(start) in ("link", "cond"):
                start += 1
            pair = self.pair_at(start)
            if pair is not None:
                self.assign(first, pair[0], index, pair[2])
                self.assign(second, pair[1], index, pair[2])

    def _forward_labels(self) -> None:
        for index in range(len(self.tokens)):
            found = self.forward(index)
            if found is None:
                continue
            part, start = found
            pair = self.pair_at(start)
            if pair is not None and self.kind(start + 1) == "slash":
                # "Vinyl VG+/VG": a label before a pair does not change what the pair says.
                continue
            grade = self.grade_at(start, weak=True)
            if grade is not None:
                self.assign(part, grade[0], index, grade[1])

    def _backward_labels(self) -> None:
        for index in range(len(self.tokens)):
            found = self.backward(index)
            if found is not None:
                grade = self.grade_at(index, weak=True)
                assert grade is not None
                self.assign(found[0], grade[0], index, found[1])

    def _pairs(self) -> bool:
        if self.found["media"] or self.found["sleeve"]:
            return False
        pairs = []
        for index in range(len(self.tokens)):
            pair = self.pair_at(index)
            if pair is not None:
                pairs.append(pair)
                for token in self.tokens[index : pair[2]]:
                    token.used = True
        if not pairs:
            return False
        if len({(media, sleeve) for media, sleeve, _ in pairs}) == 1:
            self.found["media"].add(pairs[0][0])
            self.found["sleeve"].add(pairs[0][1])
        return True

    def _singles(self) -> None:
        grades = []
        for index in range(len(self.tokens)):
            token = self.tokens[index]
            if token.kind != "grade" or token.used:
                continue
            in_context = self.kind(index + 1) == "cond" or self.kind(index - 1) == "cond"
            found = self.grade_at(index, weak=in_context)
            if found is not None:
                grades.append(found[0])
                for used in self.tokens[index : found[1]]:
                    used.used = True
        if len(set(grades)) == 1:
            self.found["media"].add(grades[0])
            self.media_unlabelled = True

    def result(self, part: Part) -> Grade | None:
        grades = self.found[part]
        return next(iter(grades)) if len(grades) == 1 else None


def _read(tokens: list[_Token]) -> _Reader:
    """Reads the tokens both ways round and keeps the reading that makes more sense: "NM vinyl
    VG cover" is read backwards, "Media VG+ Sleeve VG Vinyl LP" forwards; a tie reads forwards
    ("LP VG+ cover VG" is media VG+, cover VG)."""
    forward = _Reader([replace(token) for token in tokens])
    forward.read("forward")
    backward = _Reader([replace(token) for token in tokens])
    backward.read("backward")
    return backward if backward.score > forward.score else forward


def read_title_grades(title: str | None) -> StatedGrades:
    """The grades an eBay title states (see the module's rules)."""
    if not title:
        return StatedGrades()
    text = title.replace("\u2013", " - ").replace("\u2014", " - ")
    no_cover = _NO_COVER.search(text) is not None
    no_record = _NO_RECORD.search(text) is not None
    generic = _GENERIC.search(text) is not None
    sealed = _SEALED.search(text) is not None and not no_record
    for pattern in (_NO_COVER, _NO_RECORD, _GENERIC, _SEALED, _SLEEVE_KINDS):
        text = pattern.sub(" | ", text)
    reader = _read(_tokens(text))
    media = None if no_record else reader.result("media")
    sleeve = reader.result("sleeve")
    if sealed and (not reader.found["media"] or reader.media_unlabelled):
        # "SEALED NM": a lone grade may be the cover's; the disc itself is unplayed.
        media = Grade.M
    state = SleeveState.NO_COVER if no_cover else SleeveState.GENERIC if generic else None
    if state is not None:
        sleeve = None
    return StatedGrades(media, sleeve, state)


def read_grade_value(value: str | None) -> Grade | None:
    """A grade from one graded field (an item specific such as "E+ (Excellent Plus)")."""
    if not value:
        return None
    exact = parse_grade(value)
    if exact is not None:
        return exact
    if _SEALED.search(value):
        return Grade.M
    reader = _Reader(_tokens(value))
    grades = [
        found[0]
        for index in range(len(reader.tokens))
        if (found := reader.grade_at(index, weak=True)) is not None
    ]
    return grades[0] if grades else None


def grades_from_title(title: str | None) -> tuple[Grade | None, Grade | None]:
    """(media, sleeve) grades an eBay title states."""
    stated = read_title_grades(title)
    return stated.media, stated.sleeve
