"""Each matching rule on hand-written eBay titles."""

from __future__ import annotations

import pytest

from tests.services.matching.factories import SEVEN_INCH, listing, release, version
from vinyldigger.services.marketplaces.grades import Grade
from vinyldigger.services.matching import Matcher, MatchResult

ABBEY_UK = release(1, "The Beatles", "Abbey Road", master_id=10, year=1969, country="UK",
                   label="Apple Records", catno="PCS 7088")  # fmt: skip
ABBEY_US = release(2, "The Beatles", "Abbey Road", master_id=10, year=1969, country="US",
                   label="Apple Records", catno="SO-383")  # fmt: skip
LET_IT_BE = release(3, "The Beatles", "Let It Be", master_id=11, year=1970, country="UK",
                    label="Apple Records", catno="PCS 7096")  # fmt: skip
BRIDGE = release(4, "Simon & Garfunkel", "Bridge Over Troubled Water", master_id=20, year=1970,
                 country="US", label="Columbia", catno="KCS 9914")  # fmt: skip
DEBUT = release(5, "Björk", "Debut", master_id=30, year=1993, country="UK",
                label="One Little Indian", catno="TPLP 31",
                barcodes=["5 016958 019620", "5016958019620"])  # fmt: skip
ZEPPELIN = release(6, "Led Zeppelin", "Led Zeppelin", master_id=40, year=1969, country="UK",
                   label="Atlantic", catno="588171")  # fmt: skip
ZEPPELIN_II = release(7, "Led Zeppelin", "Led Zeppelin II", master_id=41, year=1969,
                      country="UK", label="Atlantic", catno="588198")  # fmt: skip
TALKING_HEADS = release(8, "Talking Heads", "Talking Heads: 77", master_id=50, year=1977,
                        country="US", label="Sire", catno="SR 6036")  # fmt: skip
PURPLE_RAIN = release(9, "Prince And The Revolution", "Purple Rain", master_id=60, year=1984,
                      country="US", label="Warner Bros. Records", catno="1-25110",
                      barcodes=["0 7599-25110-1 4"])  # fmt: skip
PURPLE_RAIN_SINGLE = release(10, "Prince And The Revolution", "Purple Rain", master_id=61,
                             year=1984, country="US", label="Warner Bros. Records",
                             catno="7-29174", formats=SEVEN_INCH)  # fmt: skip
SIGUR_ROS = release(11, "Sigur Rós", "Ágætis Byrjun", master_id=70, year=1999,
                    country="Iceland", label="Smekkleysa", catno="SM 79")  # fmt: skip

WANTS = [ABBEY_UK, LET_IT_BE, BRIDGE, DEBUT, ZEPPELIN, ZEPPELIN_II, TALKING_HEADS, PURPLE_RAIN,
         PURPLE_RAIN_SINGLE, SIGUR_ROS]  # fmt: skip


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(WANTS)


def matched(matcher: Matcher, title: str, **fields: str) -> MatchResult:
    result = matcher.match(listing(title, **fields))  # type: ignore[arg-type]
    assert result is not None, title
    return result


def is_high(matcher: Matcher, title: str) -> bool:
    result = matcher.match(listing(title))
    return result is not None and result.confidence == "high"


@pytest.mark.parametrize(
    ("title", "release_id"),
    [
        ("The Beatles - Abbey Road LP", 1),
        ("Abbey Road by Beatles Vinyl LP", 1),
        ("BEATLES ABBEY ROAD LP 1ST PRESS OG GATEFOLD VG+/NM RARE!", 1),
        ("abbey road the beatles lp vinyl record", 1),
        ("Simon and Garfunkel - Bridge Over Troubled Water LP 1970", 4),
        ("Simon & Garfunkel: Bridge Over Troubled Water (LP Album) US Press", 4),
        ("Bjork Debut LP 1993 One Little Indian", 5),
        ('BJÖRK \u2013 DEBUT 12" VINYL', 5),
        ("Sigur Ros - Agaetis Byrjun 2LP", 11),
        ("Prince Purple Rain LP 1984 Warner", 9),
        ('Prince & The Revolution - Purple Rain 7" Single 45 RPM', 10),
    ],
)
def test_names_match_whatever_the_spelling_order_case_and_noise(
    matcher: Matcher, title: str, release_id: int
) -> None:
    result = matched(matcher, title)
    assert (result.release_id, result.confidence, result.method) == (release_id, "high", "fuzzy")


@pytest.mark.parametrize(
    "title",
    [
        "Simon and Garfunkle - Bridge Over Trubled Water LP",
        "Simon & Grafunkel Brigde Over Troubled Water Vinyl",
        "Beatles - Abbey Raod LP 1969",
    ],
)
def test_one_typo_per_word_is_tolerated(matcher: Matcher, title: str) -> None:
    result = matched(matcher, title)
    assert result.confidence == "high"
    assert min(result.evidence.artist_score, result.evidence.title_score) < 1.0


def test_a_word_that_differs_beyond_a_typo_does_not_match(matcher: Matcher) -> None:
    # "Bridge Over Troubled Daughter" has three of four title words: not this record.
    assert not is_high(matcher, "Simon & Garfunkel - Bridge Over Troubled Daughter LP")


@pytest.mark.parametrize(
    "title",
    [
        "The Beatles - Let It Be... Naked LP 2003",
        "Beatles Let It Be Naked Vinyl",
        "Led Zeppelin III LP Atlantic 1970 UK",
        "Led Zeppelin - Houses Of The Holy LP",
        "Led Zeppelin LP Atlantic Vinyl",
        "Talking Heads - Fear Of Music LP Sire",
        "Simon & Garfunkel - Bookends LP",
    ],
)
def test_another_album_by_the_same_artist_is_never_high(matcher: Matcher, title: str) -> None:
    assert not is_high(matcher, title)


def test_the_words_left_over_next_to_the_title_are_evidence(matcher: Matcher) -> None:
    result = matched(matcher, "The Beatles - Let It Be Naked LP 2003")
    assert result.evidence.title_extended
    assert "Naked" in result.evidence.unexplained_words


@pytest.mark.parametrize(
    ("title", "release_id"),
    [
        ("Led Zeppelin - Led Zeppelin LP 1969 Atlantic", 6),
        ("LED ZEPPELIN S/T LP ATLANTIC 588171", 6),
        ("Led Zeppelin II LP 1969 UK", 7),
        ("Led Zeppelin - II - LP Vinyl", 7),
    ],
)
def test_self_titled_albums_and_numbered_sequels(
    matcher: Matcher, title: str, release_id: int
) -> None:
    result = matched(matcher, title)
    assert (result.release_id, result.confidence) == (release_id, "high")


@pytest.mark.parametrize(
    "title", ["Talking Heads - 77 LP Sire 1977", "Talking Heads \u2013 Talking Heads: 77 LP"]
)
def test_a_title_that_starts_with_the_artist_name(matcher: Matcher, title: str) -> None:
    result = matched(matcher, title)
    assert (result.release_id, result.confidence) == (8, "high")


def test_an_album_and_a_single_of_the_same_name_are_told_apart_by_format(
    matcher: Matcher,
) -> None:
    assert matched(matcher, "Prince - Purple Rain LP").release_id == 9
    assert matched(matcher, 'Prince - Purple Rain 7" 45').release_id == 10
    # Nothing says which: both are proposed as likely, neither with high confidence.
    assert not is_high(matcher, "Prince - Purple Rain Vinyl")


def test_barcode_identifies_the_release_itself(matcher: Matcher) -> None:
    result = matched(matcher, "Björk \u2013 Debut", barcode="5016958019620")
    assert (result.release_id, result.method, result.pressing) == (5, "barcode", "same")
    assert result.release_certain and result.confidence == "high" and result.score >= 0.99
    assert result.evidence.barcode == "match"


def test_upc_a_equals_the_ean_13_with_a_leading_zero(matcher: Matcher) -> None:
    result = matched(matcher, "Prince Purple Rain", barcode="0075992511014")
    assert (result.release_id, result.method, result.pressing) == (9, "barcode", "same")


def test_a_barcode_of_another_record_is_not_enough(matcher: Matcher) -> None:
    # A recycled listing template: the gtin is Debut's, the words are a different record.
    result = matcher.match(listing("Pink Floyd - Animals LP", barcode="5016958019620"))
    assert result is None or result.confidence == "low"


@pytest.mark.parametrize("written", ["PCS 7088", "PCS-7088", "pcs7088", "P.C.S. 7088"])
def test_catalog_number_in_the_title(written: str) -> None:
    result = Matcher([ABBEY_UK, ABBEY_US]).match(listing(f"Beatles Abbey Road {written} LP"))
    assert result is not None
    assert (result.release_id, result.method, result.confidence) == (1, "catalog_number", "high")
    assert result.evidence.catalog_number == "match"


def test_catalog_number_from_the_item_specifics() -> None:
    matcher = Matcher([ABBEY_UK, ABBEY_US])
    result = matcher.match(listing("Beatles Abbey Road LP", catalog_number="SO 383"))
    assert result is not None
    assert (result.release_id, result.method) == (2, "catalog_number")


def test_a_short_catalog_number_alone_does_not_match(matcher: Matcher) -> None:
    # "588171" is Led Zeppelin's catalog number, but nothing else in the title agrees.
    assert not is_high(matcher, "Mystery Band - Some Other Album LP 588171")


def test_another_pressing_of_a_wanted_master_is_named_as_such() -> None:
    result = Matcher([ABBEY_UK]).match(listing("Beatles Abbey Road LP 2019 Remastered 180g"))
    assert result is not None
    assert (result.master_id, result.pressing, result.confidence) == (10, "other", "high")
    assert result.evidence.year == "conflict"
    assert not result.release_certain


def test_the_pressing_whose_facts_agree_is_preferred() -> None:
    matcher = Matcher([ABBEY_UK, ABBEY_US])
    assert matched(matcher, "Beatles Abbey Road US Press 1969 LP").release_id == 2
    assert matched(matcher, "Beatles Abbey Road UK 1969 Apple LP").release_id == 1


def test_when_only_the_master_is_certain_the_result_says_so() -> None:
    result = matched(Matcher([ABBEY_UK, ABBEY_US]), "The Beatles - Abbey Road LP VG+")
    assert (result.master_id, result.pressing, result.confidence) == (10, "undetermined", "high")
    assert not result.release_certain


ABBEY_VERSIONS = {
    10: [
        version(1, "Abbey Road", year=1969, country="UK", label="Apple Records", catno="PCS 7088"),
        version(2, "Abbey Road", year=1969, country="US", label="Apple Records", catno="SO-383"),
        version(
            12,
            "Abbey Road",
            year=2019,
            country="Europe",
            label="Apple Records",
            catno="0602508007481",
            formats=("LP", "Album", "RE"),
        ),
    ]
}


def test_known_versions_let_facts_single_out_the_candidate_pressing() -> None:
    matcher = Matcher([ABBEY_UK], known_pressings=ABBEY_VERSIONS)
    same = matched(matcher, "Beatles Abbey Road UK 1969 LP")
    assert (same.release_id, same.pressing, same.release_certain) == (1, "same", True)
    vague = matched(matcher, "Beatles Abbey Road LP")
    assert vague.pressing == "undetermined"
    other = matched(matcher, "Beatles Abbey Road US 1969 LP")
    assert (other.release_id, other.pressing) == (1, "other")


@pytest.mark.parametrize(
    "title",
    [
        "The Beatles Abbey Road Promo Poster 1969 Original Record Store",
        "Beatles - Abbey Road EMPTY SLEEVE ONLY no record",
        "Lot of 12 Beatles LPs Abbey Road Let It Be Revolver",
        "Beatles Abbey Road Concert Ticket Stub 1969",
    ],
)
def test_memorabilia_and_lots_are_not_the_record(matcher: Matcher, title: str) -> None:
    assert not is_high(matcher, title)


def test_a_record_with_a_poster_is_still_the_record(matcher: Matcher) -> None:
    assert is_high(matcher, "Beatles Abbey Road LP w/ Poster 1969")


def test_unrelated_titles_give_no_result(matcher: Matcher) -> None:
    assert matcher.match(listing("Pink Floyd - The Dark Side Of The Moon LP 1973")) is None
    assert matcher.match(listing("Record Cleaning Brush Carbon Fiber Anti Static Vinyl")) is None


def test_grades_come_from_the_title_and_coarse_conditions_give_none(matcher: Matcher) -> None:
    graded = matched(matcher, "Beatles Abbey Road LP VG+/NM")
    assert (graded.media_grade, graded.sleeve_grade) == (Grade.VG_PLUS, Grade.NM)
    labelled = matched(matcher, "Beatles Abbey Road LP Media: EX Sleeve: VG")
    assert (labelled.media_grade, labelled.sleeve_grade) == (Grade.VG_PLUS, Grade.VG)
    ungraded = matched(matcher, "Beatles Abbey Road LP", condition="Used")
    assert (ungraded.media_grade, ungraded.sleeve_grade) == (None, None)


def test_the_artist_field_of_the_listing_counts(matcher: Matcher) -> None:
    result = matched(matcher, "Abbey Road LP 1969 UK", artist="The Beatles")
    assert (result.release_id, result.confidence) == (1, "high")


def test_scores_are_ordered_by_how_well_the_title_fits(matcher: Matcher) -> None:
    clean = matched(matcher, "Simon & Garfunkel - Bridge Over Troubled Water LP").score
    typo = matched(matcher, "Simon & Garfunkel - Bridge Over Trubled Water LP").score
    loose = matched(matcher, "Simon Garfunkel Bridge Troubled Water LP").score
    assert 1.0 >= clean > typo > loose >= 0.0


def test_bracketed_parts_of_a_title_are_optional() -> None:
    remaster = release(20, "The Beatles", "Abbey Road (Remastered 2009)", master_id=10)
    result = Matcher([remaster]).match(listing("Beatles - Abbey Road LP"))
    assert result is not None and result.confidence == "high"


def test_a_different_volume_number_is_a_different_record() -> None:
    volume_two = release(21, "Various", "Kill Bill Vol. 2", master_id=90)
    matcher = Matcher([volume_two])
    assert is_high(matcher, "Various - Kill Bill Vol. 2 Soundtrack LP")
    assert not is_high(matcher, "Various - Kill Bill Vol. 1 Soundtrack LP")


def test_any_of_several_credited_artists_names_the_record() -> None:
    duo = release(22, ["Herbie Hancock", "Chick Corea"], "An Evening With", master_id=91)
    matcher = Matcher([duo])
    assert is_high(matcher, "Herbie Hancock & Chick Corea - An Evening With 2LP")
    assert is_high(matcher, "Herbie Hancock - An Evening With LP")
