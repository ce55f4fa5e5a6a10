"""Grades stated in eBay titles and item specifics: every notation, and no overrating."""

from __future__ import annotations

import pytest

from vinyldigger.services.marketplaces.ebay.parsers import graded_fields
from vinyldigger.services.marketplaces.grades import Grade, SleeveState
from vinyldigger.services.marketplaces.title_grades import (
    StatedGrades,
    grades_from_title,
    read_grade_value,
    read_title_grades,
)

M, NM, VGP, VG, GP, G, F, P = (
    Grade.M,
    Grade.NM,
    Grade.VG_PLUS,
    Grade.VG,
    Grade.G_PLUS,
    Grade.G,
    Grade.F,
    Grade.P,
)
NO_COVER, GENERIC = SleeveState.NO_COVER, SleeveState.GENERIC


@pytest.mark.parametrize(
    ("title", "media", "sleeve"),
    [
        # Pairs, media first.
        ("Pink Floyd Animals LP 1977 Harvest VG+/VG", VGP, VG),
        ("Miles Davis Kind Of Blue 6 eye LP NM/VG+", NM, VGP),
        ("The Clash London Calling 2LP CBS UK 1979 EX/EX", VGP, VGP),
        ("Neu! 75 LP Brain 1975 M-/EX+", NM, VGP),
        ("Kraftwerk Radioaktivitat LP G/G", G, G),
        ("Black Sabbath Paranoid LP Vertigo swirl F/P", F, P),
        ("SLAYER Reign In Blood LP 1986 VG++ / VG+", VGP, VGP),
        ("Sade Diamond Life LP VG+ VG", VGP, VG),
        ('The Jam Going Underground 7" P/S EX/VG+', VGP, VGP),
        ("Joy Division Closer LP Factory FACT 25 VG-/G+", GP, GP),
        ("Can Tago Mago 2LP United Artists EX-/VG", VG, VG),
        ("Prince Purple Rain LP w/ poster NM-/NM-", NM, NM),
        ("Beatles Rubber Soul LP Parlophone Mono M/M", M, M),
        # Labels in front of grades, with or without colons.
        ("Media F Sleeve P - Led Zeppelin IV LP", F, P),
        ("Bowie Low LP Media: NM Sleeve: VG+", NM, VGP),
        ("Talking Heads 77 LP Vinyl: VG+ Cover: G+", VGP, GP),
        ("Nick Drake Pink Moon LP Disc VG Jacket G", VG, G),
        ("Sleeve VG, vinyl EX - Roxy Music Avalon", VGP, VG),
        ("ABBA Arrival LP Record VG++ Sleeve EX-", VGP, VG),
        ("Stevie Wonder Innervisions LP vinyl - Excellent cover - Good", VGP, G),
        ("Cure Disintegration LP media g+ sleeve f", GP, F),
        ("Pixies Doolittle LP Media/Sleeve: VG+/VG", VGP, VG),
        ("Cover/Vinyl VG/EX Television Marquee Moon", VGP, VG),
        ("Eagles Hotel California LP Vinyl VG+/VG", VGP, VG),
        ("Queen Jazz LP cover in VG condition", None, VG),
        ("Abbey Road LP VG+ cover VG", VGP, VG),
        ("Shadow Anchor LP Record 1976 ORIG G+ Vinyl G Cover", GP, G),
        ("HANK PRUTIT 1st Pressing Media VG+ / Sleeve VG Vinyl LP", VGP, VG),
        ("Disc NM Jacket VG Vinyl LP Empty Temples", NM, VG),
        ("Paerl Mercer 2 x LP Vinyl VG Vinyl G+ Cover", VG, GP),
        ("The Neon Birds LP Liberty Records F Vinyl P Cover", F, P),
        ('2009 M vinyl Marta Falk Take Me Higher Maxi 12"', M, None),
        # Grades in front of labels.
        ("Stevie Moore Warning LP NM vinyl rare France orig", NM, None),
        ("Fleetwood Mac Rumours NM vinyl VG cover", NM, VG),
        ("Tusk 2LP ex+ to nm glossy lp, ex+ to nm shape cover", VGP, VGP),
        # One grade: the media's.
        ("KRAFTWERK Computerwelt LP (M-) German press", NM, None),
        ("Coltrane Ballads LP Impulse VG+", VGP, None),
        ("Aretha Franklin Lady Soul LP in VG+ condition", VGP, None),
        ("Rush 2112 LP Mint Condition", M, None),
        ("Elvis Presley Moody Blue LP near mint", NM, None),
        ("Wings Band On The Run LP very good plus", VGP, None),
        ("Hendrix Axis LP Track 1967 VG+ to NM", VGP, None),
        # Sealed: the disc is unplayed; the cover is graded only when the seller says so.
        ("Beatles Abbey Road LP Still Sealed", M, None),
        ("Taylor Swift Folklore 2LP Factory Sealed New", M, None),
        ("Radiohead OK Computer 2LP SEALED", M, None),
        ("Boston Third Stage LP SS cut-out", M, None),
        ("Prince 1999 2LP sealed NM", M, None),
        ("Madonna Like A Virgin LP sealed, cover VG+ (cut corner)", M, VGP),
        ("Springsteen Nebraska LP SEALED M/M", M, M),
        ("Bowie Heroes LP unsealed VG+", VGP, None),
        ("Nirvana Nevermind LP resealed", None, None),
        # No grade at all, however grade-like the words.
        ("Dial M For Murder soundtrack LP", None, None),
        ("VGA cable vinyl sticker", None, None),
        ("G-Funk Era 12 inch", None, None),
        ("Parliament P-Funk Earth Tour LP", None, None),
        ("E Street Shuffle LP Springsteen", None, None),
        ('Feel Good Inc 12" Gorillaz', None, None),
        ("The Mint Chicks LP", None, None),
        ("Poor Moon LP Sub Pop", None, None),
        ("Gang Of Four Entertainment! LP EMI", None, None),
        ("Simon & Garfunkel Bookends LP Columbia 1968 Stereo", None, None),
        ('The Jam 7" Single P/S', None, None),
        ("Metallica Kill Em All LP Megaforce", None, None),
        (None, None, None),
        ("", None, None),
        # Unclear: no guess.
        ("Genesis Foxtrot LP VG+ Charisma NM", None, None),
        ("Yes Fragile LP VG+/VG+ and NM/NM two copies", None, None),
        ("Vinyl: VG+ Vinyl: NM", None, None),
    ],
)
def test_title_grades(title: str | None, media: Grade | None, sleeve: Grade | None) -> None:
    assert grades_from_title(title) == (media, sleeve)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Led Zeppelin IV LP no cover VG", StatedGrades(VG, None, NO_COVER)),
        ("Rolling Stones Sticky Fingers LP record only VG+", StatedGrades(VGP, None, NO_COVER)),
        ('Kinks 7" single no picture sleeve VG', StatedGrades(VG, None, NO_COVER)),
        ("Bob Marley Exodus LP without sleeve G+", StatedGrades(GP, None, NO_COVER)),
        ('Otis Redding 7" company sleeve VG+', StatedGrades(VGP, None, GENERIC)),
        ("Ramones LP EMPTY SLEEVE ONLY no record", StatedGrades()),
        ('Beatles Help 7" Picture Sleeve VG+', StatedGrades(None, VGP, None)),
    ],
)
def test_sleeve_states_and_missing_parts(title: str, expected: StatedGrades) -> None:
    assert read_title_grades(title) == expected


@pytest.mark.parametrize(
    ("value", "grade"),
    [
        ("Near Mint (NM or M-)", NM),
        ("Very Good Plus (VG+)", VGP),
        ("Excellent (EX)", VGP),
        ("E+ (Excellent Plus)", VGP),
        ("E (Excellent) S (Stain) cornerbump", VGP),
        ("VG", VG),
        ("Fair (F)", F),
        ("P", P),
        ("Sealed", M),
        ("See description", None),
        ("", None),
        (None, None),
    ],
)
def test_graded_field_values(value: str | None, grade: Grade | None) -> None:
    assert read_grade_value(value) is grade


def test_graded_fields_from_aspects_and_condition_descriptors() -> None:
    aspects = [
        {"name": "Artist", "value": "Can"},
        {"name": "Record Grading", "value": "Near Mint (NM or M-)"},
        {"name": "OBI Condition", "value": "VG"},
    ]
    descriptors = [
        {"name": "Sleeve Grading", "values": [{"content": "Very Good (VG)"}]},
        {"name": "Record Grading", "values": [{"content": "Poor (P)"}]},
    ]
    assert graded_fields(aspects, descriptors) == {
        "media": "Near Mint (NM or M-)",
        "sleeve": "Very Good (VG)",
    }
    assert graded_fields([{"name": "Cover Condition", "value": "EX"}], []) == {"sleeve": "EX"}
    assert graded_fields([{"name": "Vinyl Condition", "value": " "}], []) == {}
