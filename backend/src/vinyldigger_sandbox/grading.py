"""Goldmine grades exactly as Discogs spells them, and how they spread and price."""

from __future__ import annotations

import random

from vinyldigger_sandbox.rng import cumulative_weights, weighted_index

MINT = "Mint (M)"
NEAR_MINT = "Near Mint (NM or M-)"
VERY_GOOD_PLUS = "Very Good Plus (VG+)"
VERY_GOOD = "Very Good (VG)"
GOOD_PLUS = "Good Plus (G+)"
GOOD = "Good (G)"
FAIR = "Fair (F)"
POOR = "Poor (P)"

MEDIA_GRADES = (MINT, NEAR_MINT, VERY_GOOD_PLUS, VERY_GOOD, GOOD_PLUS, GOOD, FAIR, POOR)
SLEEVE_SPECIALS = ("Generic", "Not Graded", "No Cover")
SLEEVE_GRADES = MEDIA_GRADES + SLEEVE_SPECIALS

GRADE_CODES = {
    MINT: "M",
    NEAR_MINT: "NM",
    VERY_GOOD_PLUS: "VG+",
    VERY_GOOD: "VG",
    GOOD_PLUS: "G+",
    GOOD: "G",
    FAIR: "F",
    POOR: "P",
}

# Share of listings per media grade: most records on sale are NM or VG+.
_MEDIA_CUMULATIVE = cumulative_weights((3, 30, 35, 18, 8, 4, 1, 1))

# What a copy in each grade fetches, relative to a Near Mint copy.
PRICE_FACTOR = {
    MINT: 1.35,
    NEAR_MINT: 1.0,
    VERY_GOOD_PLUS: 0.72,
    VERY_GOOD: 0.45,
    GOOD_PLUS: 0.28,
    GOOD: 0.18,
    FAIR: 0.1,
    POOR: 0.06,
}


def draw_media_grade(rng: random.Random) -> str:
    return MEDIA_GRADES[weighted_index(rng, _MEDIA_CUMULATIVE)]


def draw_sleeve_grade(rng: random.Random, media_grade: str, is_single: bool) -> str:
    """Sleeves wear a little worse than the vinyl; 7" singles often sit in generic sleeves."""
    if is_single and rng.random() < 0.45:
        return "Generic"
    roll = rng.random()
    if roll < 0.02:
        return "Not Graded"
    if roll < 0.03:
        return "No Cover"
    step = 0 if media_grade == MINT else rng.choice((0, 0, 1, 1, 2))
    index = min(MEDIA_GRADES.index(media_grade) + step, len(MEDIA_GRADES) - 1)
    return MEDIA_GRADES[index]
