"""Listings that are no vinyl record never match a vinyl want; records with extras still do."""

from __future__ import annotations

import pytest

from tests.services.matching.factories import listing, release
from vinyldigger.services.matching import Matcher

ABBEY = release(1, "The Beatles", "Abbey Road", master_id=10, year=1969, country="UK",
                label="Apple Records", catno="PCS 7088")  # fmt: skip
ABBEY_CD = release(2, "The Beatles", "Abbey Road", master_id=10, year=1987, country="UK",
                   label="Parlophone", catno="CDP 7 46446 2",
                   formats=("CD", "Album", "Reissue"))  # fmt: skip
VINYL_ONLY = Matcher([ABBEY])


@pytest.mark.parametrize(
    "title",
    [
        "The Beatles - Abbey Road CD",
        "BEATLES Abbey Road compact disc 1987",
        "The Beatles Abbey Road Hybrid SACD MFSL",
        "The Beatles Abbey Road super audio CD",
        "The Beatles - Abbey Road cassette tape",
        "The Beatles Abbey Road 8-track",
        "The Beatles Abbey Road MiniDisc",
        "The Beatles Abbey Road DVD",
        "The Beatles Abbey Road Blu-ray audio",
        "The Beatles Abbey Road VHS",
        "The Beatles Abbey Road book",
        "The Beatles Abbey Road magazine",
        "The Beatles Abbey Road poster",
        "The Beatles Abbey Road T-shirt size L",
        "The Beatles Abbey Road tee shirt",
        "The Beatles Abbey Road slipmat",
        "The Beatles Abbey Road vinyl slipmat",
        "The Beatles Abbey Road 1000 piece jigsaw puzzle",
        "The Beatles Abbey Road sticker",
        "The Beatles Abbey Road LP sleeve only",
        "The Beatles Abbey Road empty sleeve",
        "The Beatles Abbey Road record player",
        "The Beatles Abbey Road turntable",
        "The Beatles Abbey Road mini LP CD Japan",
    ],
)
def test_not_a_record_never_matches_a_vinyl_release(title: str) -> None:
    assert VINYL_ONLY.match(listing(title)) is None


@pytest.mark.parametrize(
    ("format_text", "category"),
    [("CD", None), ("Cassette", None), ("SACD", None), (None, "CDs"), (None, "Cassettes"),
     (None, "Music Memorabilia"), (None, "Posters"), ("Record", "T-Shirts"),
     (None, "Record Player & Turntable Parts")],
)  # fmt: skip
def test_item_specifics_and_category_that_say_no_record(
    format_text: str | None, category: str | None
) -> None:
    title = "The Beatles Abbey Road"
    assert VINYL_ONLY.match(listing(title, format_text=format_text, category=category)) is None


@pytest.mark.parametrize(
    "title",
    [
        "The Beatles - Abbey Road LP + CD",
        "The Beatles - Abbey Road LP/CD",
        "The Beatles Abbey Road vinyl LP with poster",
        "The Beatles Abbey Road LP w/ poster & stickers",
        "The Beatles Abbey Road LP hype sticker",
        "The Beatles Abbey Road LP incl. CD-sized booklet",
        'The Beatles Abbey Road 12" vinyl plus bonus DVD',
        "The Beatles Abbey Road LP includes download card and book",
    ],
)
def test_records_with_extras_still_match(title: str) -> None:
    result = VINYL_ONLY.match(listing(title))
    assert result is not None
    assert result.release_id == 1
    assert not result.evidence.not_a_record


@pytest.mark.parametrize(("format_text", "category"), [("LP", "Records"), ("Vinyl", None)])
def test_item_specifics_that_say_vinyl(format_text: str, category: str | None) -> None:
    result = VINYL_ONLY.match(listing("The Beatles Abbey Road", format_text=format_text,
                                      category=category))  # fmt: skip
    assert result is not None


def test_a_cd_matches_a_wanted_cd() -> None:
    result = Matcher([ABBEY, ABBEY_CD]).match(listing("The Beatles - Abbey Road CD 1987"))
    assert result is not None
    assert result.release_id == 2
    assert result.pressing != "other"


def test_a_cd_is_another_pressing_when_only_vinyl_is_wanted_beside_it() -> None:
    result = Matcher([ABBEY, ABBEY_CD]).match(listing("The Beatles - Abbey Road LP 1969 UK"))
    assert result is not None
    assert result.release_id == 1


def test_item_words_in_a_name_are_names() -> None:
    book = release(3, "Simply Red", "Picture Book", master_id=30, year=1985)
    tape = release(4, "Cassette Kids", "Tape Loops", master_id=31, year=2010)
    matcher = Matcher([book, tape])
    first = matcher.match(listing("Simply Red - Picture Book LP 1985"))
    second = matcher.match(listing("Cassette Kids Tape Loops vinyl"))
    assert first is not None and first.release_id == 3
    assert second is not None and second.release_id == 4
