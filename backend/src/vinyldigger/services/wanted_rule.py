"""The one rule of "wanted", used wherever a listing is flagged, counted or bought for a want.

A match says which pressing the listing is (`services/matching`): this release ("same"),
another pressing of its master ("other"), or the album without saying which pressing
("undetermined"). Only the first is what the user asked for, unless they accept any
pressing for that want: then a listing that does not state its pressing counts too.
"""

from __future__ import annotations


def is_wanted(pressing: str, *, release_wanted: bool, any_pressing: bool) -> bool:
    """Another pressing never counts: its facts contradict the wanted release."""
    if not release_wanted:
        return False
    return pressing == "same" or (pressing == "undetermined" and any_pressing)
