"""Deterministic randomness: every generator is derived from the world seed and a key.

Nothing in the sandbox uses the global `random` state. A release, a seller or a world step
gets its own `random.Random` seeded from (seed, kind, id), so any part of the world can be
generated on its own, in any order, and always comes out the same.
"""

from __future__ import annotations

import hashlib
import math
import random
from bisect import bisect_right
from collections.abc import Sequence


def derive_seed(*parts: int | str) -> int:
    """A 64-bit seed from the parts; stable across processes (unlike `hash`)."""
    digest = hashlib.blake2b("\x1f".join(str(part) for part in parts).encode(), digest_size=8)
    return int.from_bytes(digest.digest(), "big")


def derive_rng(*parts: int | str) -> random.Random:
    return random.Random(derive_seed(*parts))


def pareto_weight(rng: random.Random, alpha: float, cap: float) -> float:
    """A heavy-tailed positive weight (>= 1), capped so one outlier cannot swallow a world."""
    return min(rng.paretovariate(alpha), cap)


def lognormal_factor(rng: random.Random, sigma: float) -> float:
    """A multiplicative noise factor with median 1."""
    return math.exp(rng.gauss(0.0, sigma))


def weighted_index(rng: random.Random, cumulative: Sequence[float]) -> int:
    """Index drawn with probability proportional to the weights behind `cumulative`."""
    return bisect_right(cumulative, rng.random() * cumulative[-1])


def cumulative_weights(weights: Sequence[float]) -> list[float]:
    total = 0.0
    cumulative: list[float] = []
    for weight in weights:
        total += weight
        cumulative.append(total)
    return cumulative
