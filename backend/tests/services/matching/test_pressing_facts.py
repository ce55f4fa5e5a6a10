"""Pressing facts read from titles and item specifics, and the versions they rule out."""

from __future__ import annotations

import pytest

from tests.services.matching.factories import listing, release, version
from vinyldigger.services.matching import Matcher, MatchResult
from vinyldigger.services.matching.features import release_features
from vinyldigger.services.matching.text import catno_variants

DSOTM = "The Dark Side Of The Moon"
UK_1973 = release(1, "Pink Floyd", DSOTM, master_id=10, year=1973, country="UK",
                  label="Harvest", catno="SHVL 804",
                  formats=("Vinyl", "LP", "Album", "Stereo"))  # fmt: skip
VERSIONS = [
    version(1, DSOTM, year=1973, country="UK", label="Harvest", catno="SHVL 804",
            formats=("LP", "Album", "Stereo")),
    version(2, DSOTM, year=1973, country="US", label="Harvest", catno="SMAS-11163",
            formats=("LP", "Album", "Stereo")),
    version(3, DSOTM, year=2016, country="Europe", label="Pink Floyd Records",
            catno="PFRLP8", formats=("LP", "Album", "RE", "RM", "180 Gram")),
    version(4, DSOTM, year=1978, country="UK", label="Harvest", catno="SHVL 804",
            formats=("LP", "Album", "RE", "Picture Disc")),
    version(5, DSOTM, year=1973, country="UK", label="Harvest", catno="Q4SHVL 804",
            formats=("LP", "Album", "Quadraphonic")),
    version(6, DSOTM, year=1973, country="UK", label="Harvest", catno="SHVL 804",
            formats=("LP", "Album", "Mono", "Promo")),
]  # fmt: skip


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher([UK_1973], {10: VERSIONS})


def match(matcher: Matcher, title: str, **fields: str | int) -> MatchResult:
    result = matcher.match(listing(title, **fields))  # type: ignore[arg-type]
    assert result is not None, title
    return result


def facts(result: MatchResult) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for fact in result.evidence.facts:
        found.setdefault(fact.kind, []).append(fact.value)
    return found


def ruled_out(result: MatchResult) -> set[int]:
    return {entry.release_id for entry in result.evidence.ruled_out}


@pytest.mark.parametrize(
    ("title", "kind", "value"),
    [
        ("Pink Floyd - Dark Side Of The Moon LP SHVL 804", "catalog_number", "SHVL 804"),
        ("Pink Floyd - Dark Side Of The Moon LP SHVL-804", "catalog_number", "SHVL 804"),
        ("Pink Floyd - Dark Side Of The Moon LP Harvest", "label", "Harvest"),
        ("Pink Floyd - Dark Side Of The Moon LP UK", "country", "UK"),
        ("Pink Floyd - Dark Side Of The Moon LP German", "country", "German"),
        ("Pink Floyd - Dark Side Of The Moon LP 1973", "year", "1973"),
        ("Pink Floyd - Dark Side Of The Moon LP reissue", "reissue", "reissue"),
        ("Pink Floyd - Dark Side Of The Moon LP RE", "reissue", "RE"),
        ("Pink Floyd - Dark Side Of The Moon LP repress", "reissue", "repress"),
        ("Pink Floyd - Dark Side Of The Moon LP OG", "original", "OG"),
        ("Pink Floyd - Dark Side Of The Moon LP 1st press", "original", "1st"),
        ("Pink Floyd - Dark Side Of The Moon Picture Disc", "picture_disc", "Picture Disc"),
        ("Pink Floyd - Dark Side Of The Moon LP splatter", "coloured", "splatter"),
        ("Pink Floyd - Dark Side Of The Moon LP red vinyl", "coloured", "red vinyl"),
        ("Pink Floyd - Dark Side Of The Moon LP marbled", "coloured", "marbled"),
        ("Pink Floyd - Dark Side Of The Moon LP 180g", "weight", "180g"),
        ("Pink Floyd - Dark Side Of The Moon LP 200 gram", "weight", "200 gram"),
        ("Pink Floyd - Dark Side Of The Moon LP half-speed", "half_speed", "half speed"),
        ("Pink Floyd - Dark Side Of The Moon LP MONO", "channels", "MONO"),
        ("Pink Floyd - Dark Side Of The Moon LP stereo", "channels", "stereo"),
        ("Pink Floyd - Dark Side Of The Moon LP promo", "promo", "promo"),
        ("Pink Floyd - Dark Side Of The Moon LP white label", "promo", "white label"),
        ("Pink Floyd - Dark Side Of The Moon LP test pressing", "promo", "test pressing"),
        ("Pink Floyd - Dark Side Of The Moon LP matrix A2/B2", "matrix", "A2 B2"),
        ("Pink Floyd - Dark Side Of The Moon LP runout", "matrix", "runout"),
    ],
)
def test_each_fact_kind_is_read_as_written(
    matcher: Matcher, title: str, kind: str, value: str
) -> None:
    assert value in facts(match(matcher, title)).get(kind, [])


def test_item_specifics_are_facts(matcher: Matcher) -> None:
    result = match(matcher, "Pink Floyd Dark Side Of The Moon LP", label="Harvest",
                   catalog_number="SMAS-11163", release_year=1973)  # fmt: skip
    assert facts(result) == {"catalog_number": ["SMAS-11163"], "label": ["Harvest"],
                             "year": ["1973"]}  # fmt: skip
    assert result.pressing == "other"
    assert result.pressing_release_id == 2


def test_names_are_not_facts() -> None:
    mono = release(7, "The Mono", "Stereo Test", master_id=None, year=2001)
    result = Matcher([mono]).match(listing("The Mono - Stereo Test LP"))
    assert result is not None
    assert result.evidence.facts == ()


@pytest.mark.parametrize(
    ("written", "variant"),
    [("SMAS-11163", "11163"), ("PCS 7027", "7027"), ("SHVL 804", "shvl804")],
)
def test_catalog_number_variants(written: str, variant: str) -> None:
    assert variant in catno_variants(written)


def test_a_bare_number_that_could_be_a_year_is_no_catalog_number_variant() -> None:
    assert catno_variants("LP 2016") == frozenset({"lp2016"})


@pytest.mark.parametrize(
    "title",
    [
        "PINK FLOYD Dark Side Of The Moon SMAS 11163",
        "Pink Floyd Dark Side of the Moon LP smas11163",
        "Pink Floyd - Dark Side Of The Moon - 11163",
    ],
)
def test_catalog_number_as_sellers_write_it_singles_out_the_pressing(
    matcher: Matcher, title: str
) -> None:
    result = match(matcher, title)
    assert result.pressing == "other"
    assert result.pressing_release_id == 2
    assert 1 in ruled_out(result)


def test_catalog_number_and_country_single_out_the_wanted_pressing(matcher: Matcher) -> None:
    result = match(matcher, "Pink Floyd Dark Side Of The Moon LP UK 1973 SHVL 804 stereo")
    assert result.pressing == "same"
    assert result.release_id == 1
    assert ruled_out(result) == {2, 3, 4, 5, 6}


def test_original_rules_out_later_versions(matcher: Matcher) -> None:
    result = match(matcher, "Pink Floyd Dark Side Of The Moon LP original 1st press")
    assert {3, 4} <= ruled_out(result)
    assert 1 not in ruled_out(result)
    reasons = {entry.release_id: entry.reason for entry in result.evidence.ruled_out}
    assert "original" in reasons[3]


@pytest.mark.parametrize(
    ("title", "expected_other"),
    [
        ("Pink Floyd Dark Side Of The Moon LP 180g reissue 2016", 3),
        ("Pink Floyd Dark Side Of The Moon picture disc", 4),
    ],
)
def test_reissue_features_rule_out_the_plain_original(
    matcher: Matcher, title: str, expected_other: int
) -> None:
    result = match(matcher, title)
    assert 1 in ruled_out(result)
    assert result.pressing == "other"
    assert result.pressing_release_id == expected_other


@pytest.mark.parametrize("title", ["Pink Floyd Dark Side Of The Moon LP coloured vinyl",
                                   "Pink Floyd Dark Side Of The Moon LP half speed",
                                   "Pink Floyd Dark Side Of The Moon LP repress"])  # fmt: skip
def test_edition_words_rule_out_the_plain_original(matcher: Matcher, title: str) -> None:
    result = match(matcher, title)
    assert 1 in ruled_out(result)
    assert result.pressing != "same"


def test_mono_rules_out_a_stereo_pressing(matcher: Matcher) -> None:
    result = match(matcher, "Pink Floyd Dark Side Of The Moon LP MONO")
    assert {1, 2} <= ruled_out(result)
    assert 6 not in ruled_out(result)


def test_a_year_stated_with_reissue_is_the_album_year(matcher: Matcher) -> None:
    result = match(matcher, "Pink Floyd Dark Side Of The Moon 1973 reissue LP 180g")
    assert 3 not in ruled_out(result)


def test_a_title_that_states_nothing_rules_nothing_out(matcher: Matcher) -> None:
    result = match(matcher, "Pink Floyd Dark Side Of The Moon LP VG+")
    assert result.pressing == "undetermined"
    assert result.evidence.ruled_out == ()
    assert result.pressing_release_id is None


@pytest.mark.parametrize(
    ("formats", "feature"),
    [(["LP", "Album", "Pic"], "picture_disc"), (["Picture Disc"], "picture_disc"),
     (["LP", "Red"], "coloured"), (["LP", "Splatter"], "coloured"),
     (["180 Gram"], "weight:180"), (["LP", "180g"], "weight:180"), (["Mono"], "mono"),
     (["TP"], "promo"), (["W/Lbl"], "promo"), (["Promo"], "promo")],
)  # fmt: skip
def test_features_of_a_version_from_its_format_descriptions(
    formats: list[str], feature: str
) -> None:
    assert feature in release_features(formats)


def test_a_plain_version_has_no_features() -> None:
    assert release_features(["LP", "Album", "Stereo", "Gatefold"]) == frozenset({"stereo"})
