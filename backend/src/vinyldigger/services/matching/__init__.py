"""Matching eBay (and Discogs) listings to candidate Discogs releases; see docs/matching.md."""

from vinyldigger.services.matching.matcher import Matcher, MatchThresholds
from vinyldigger.services.matching.models import (
    Confidence,
    DecisionVerdict,
    FieldCheck,
    MatchDecision,
    MatchEvidence,
    MatchMethod,
    MatchResult,
    PressingVerdict,
    listing_key,
)

__all__ = [
    "Confidence",
    "DecisionVerdict",
    "FieldCheck",
    "MatchDecision",
    "MatchEvidence",
    "MatchMethod",
    "MatchResult",
    "MatchThresholds",
    "Matcher",
    "PressingVerdict",
    "listing_key",
]
