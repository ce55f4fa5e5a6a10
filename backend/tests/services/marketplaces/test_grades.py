"""Goldmine grades: Discogs strings, codes, ordering and sleeve states."""

from __future__ import annotations

import pytest

from vinyldigger.services.marketplaces.grades import (
    Grade,
    SleeveState,
    parse_grade,
    parse_sleeve,
)


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("Mint (M)", Grade.M),
        ("Near Mint (NM or M-)", Grade.NM),
        ("Very Good Plus (VG+)", Grade.VG_PLUS),
        ("Very Good (VG)", Grade.VG),
        ("Good Plus (G+)", Grade.G_PLUS),
        ("Good (G)", Grade.G),
        ("Fair (F)", Grade.F),
        ("Poor (P)", Grade.P),
        ("  near mint (nm or m-) ", Grade.NM),
        ("M-", Grade.NM),
        ("vg+", Grade.VG_PLUS),
        ("EX", Grade.VG_PLUS),
        ("Excellent (EX)", Grade.VG_PLUS),
    ],
)
def test_parse_grade(text: str, grade: Grade) -> None:
    assert parse_grade(text) is grade


@pytest.mark.parametrize("text", [None, "", "Digital (D)", "Generic", "Sealed", "New"])
def test_not_a_grade(text: str | None) -> None:
    assert parse_grade(text) is None


def test_every_grade_round_trips_through_its_discogs_label() -> None:
    assert [parse_grade(grade.discogs_label) for grade in Grade] == list(Grade)


def test_ordering_follows_quality() -> None:
    assert Grade.M > Grade.NM > Grade.VG_PLUS > Grade.VG > Grade.G_PLUS > Grade.G
    assert Grade.G > Grade.F > Grade.P
    assert Grade.VG_PLUS >= Grade.VG_PLUS and Grade.VG <= Grade.VG_PLUS
    assert sorted([Grade.VG, Grade.M, Grade.P]) == [Grade.P, Grade.VG, Grade.M]
    assert [grade.score for grade in Grade] == [8, 7, 6, 5, 4, 3, 2, 1]
    with pytest.raises(TypeError):
        assert Grade.VG < 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Generic", (None, SleeveState.GENERIC)),
        ("Not Graded", (None, SleeveState.NOT_GRADED)),
        ("No Cover", (None, SleeveState.NO_COVER)),
        ("Very Good (VG)", (Grade.VG, None)),
        (None, (None, None)),
    ],
)
def test_parse_sleeve(text: str | None, expected: tuple[Grade | None, SleeveState | None]) -> None:
    assert parse_sleeve(text) == expected
