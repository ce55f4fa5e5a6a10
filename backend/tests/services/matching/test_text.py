"""Normalisation, reading facts from titles, typo tolerance and blocking."""

from __future__ import annotations

import pytest

from tests.services.matching.factories import release
from vinyldigger.services.matching.index import CandidateIndex
from vinyldigger.services.matching.names import token_similarity
from vinyldigger.services.matching.text import (
    FORMAT_7IN,
    FORMAT_CD,
    FORMAT_LP,
    fold,
    name_words,
    normalise_barcode,
    normalise_catno,
    read_title,
    words,
)


def test_fold_drops_accents_case_apostrophes_and_reads_ampersand() -> None:
    assert words("Björk & Sigur Rós") == ["bjork", "and", "sigur", "ros"]
    assert words("Don\u2019t Stop") == ["dont", "stop"]
    assert fold("Ágætis Byrjun") == "agaetis byrjun"


def test_artist_names_lose_the_and_discogs_numbering() -> None:
    assert name_words("The Beatles") == ["beatles"]
    assert name_words("Beatles, The") == ["beatles"]
    assert name_words("Nirvana (2)") == ["nirvana"]
    # A name that is only "The" something keeps its one real word and no more.
    assert name_words("The The") == ["the"]


@pytest.mark.parametrize("written", ["PCS 7088", "pcs-7088", "PCS.7088", " pcs7088 "])
def test_catalog_numbers_normalise_to_one_form(written: str) -> None:
    assert normalise_catno(written) == "pcs7088"


def test_barcodes_normalise_to_ean_13() -> None:
    assert normalise_barcode("0 7599-25110-1 4") == "0075992511014"
    assert normalise_barcode("5 016958 019620") == "5016958019620"
    assert normalise_barcode("12345") is None


def test_years_countries_and_formats_are_read_from_the_title() -> None:
    text = read_title('UK 1st Press 1969 Beatles \u2013 Abbey Road 12" LP VG+/NM')
    assert [year for _, year in text.years] == [1969]
    assert [country for _, country in text.countries] == ["UK"]
    assert FORMAT_LP in text.formats
    assert text.original_positions and not text.reissue_positions


def test_us_is_a_country_only_when_written_like_one() -> None:
    assert [c for _, c in read_title("Abbey Road US Press LP").countries] == ["US"]
    assert read_title("Take us home LP").countries == ()


def test_a_year_inside_a_catalog_number_is_not_a_year() -> None:
    assert read_title("Tanaka Band Dance LP ROX-1982").years == ()


@pytest.mark.parametrize(
    ("title", "expected"),
    [('Purple Rain 7" Single', FORMAT_7IN), ("Purple Rain 45 rpm", FORMAT_7IN),
     ("Debut CD Album", FORMAT_CD), ("Debut 2xLP Gatefold", FORMAT_LP)],
)  # fmt: skip
def test_formats(title: str, expected: str) -> None:
    assert expected in read_title(title).formats


@pytest.mark.parametrize(
    ("title", "flagged"),
    [("Abbey Road Promo Poster 1969", True), ("Abbey Road LP w/ Poster", False),
     ("Abbey Road EMPTY SLEEVE ONLY", True), ("Job Lot 30 LPs Beatles", True),
     ("Abbey Road LP Gatefold", False), ("Beatles Tour T-Shirt 1966", True)],
)  # fmt: skip
def test_items_that_are_not_the_record(title: str, flagged: bool) -> None:
    assert read_title(title).not_a_record is flagged


def test_catalog_number_spans_cover_spaced_and_joined_forms() -> None:
    spans = {catno for _, _, catno in read_title("Abbey Road PCS 7088 LP").catno_spans}
    assert "pcs7088" in spans
    assert "1969" not in {catno for _, _, catno in read_title("Abbey Road 1969").catno_spans}


@pytest.mark.parametrize(
    ("written", "name", "similar"),
    [("garfunkle", "garfunkel", True), ("engiine", "engine", True), ("rollig", "rolling", True),
     ("raod", "road", True), ("load", "road", False), ("roads", "road", False),
     ("rain", "train", False), ("heart", "heaven", False), ("2", "1", False)],
)  # fmt: skip
def test_typos_are_one_edit_in_a_long_word_or_a_swap_in_a_short_one(
    written: str, name: str, similar: bool
) -> None:
    assert (token_similarity(written, name) >= 0.8) is similar


def test_plurals_count_less_than_typos() -> None:
    assert 0 < token_similarity("towers", "tower") < token_similarity("towre", "tower")


def test_typos_are_found_through_the_deletion_index() -> None:
    index = CandidateIndex([release(1, "The Strange Voyages", "Rolling Engine")])
    assert index.similar_words("engiine") == {"engine": 0.8}
    assert index.similar_words("rolilng") == {"rolling": 0.8}
    assert index.similar_words("voyages") == {"voyages": 1.0}


def test_blocking_opens_only_works_that_share_an_artist_and_a_title_word() -> None:
    filler = [release(100 + n, f"Band {n} Orchestra", f"Album Number {n}") for n in range(2000)]
    index = CandidateIndex([*filler, release(1, "The Beatles", "Abbey Road"),
                            release(2, "The Beatles", "Revolver"),
                            release(3, "Abbey Lincoln", "Straight Ahead")])  # fmt: skip
    works = index.blocked_works({"beatles", "abbey", "road"})
    assert [pressing.release_id for work in works for pressing in work.pressings] == [1]
    # Words shared by thousands of works ("album", "orchestra") open nothing on their own.
    assert index.blocked_works({"album", "orchestra"}) == []
