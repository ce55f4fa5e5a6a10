"""What a search run counted: per source, and totals over the run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class SourceCounts:
    # Listings the source returned, those the search kept, kept ones new to the search's
    # results and kept ones VinylDigger had never stored before.
    seen: int = 0
    results: int = 0
    new: int = 0
    new_listings: int = 0
    changed: int = 0
    gone: int = 0
    complete: bool = False
    error: str | None = None
    # A seller's inventory that does not exist on the marketplace (no user of that name).
    absent: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "seen": self.seen,
            "results": self.results,
            "new": self.new,
            "new_listings": self.new_listings,
            "changed": self.changed,
            "gone": self.gone,
            "complete": self.complete,
            "error": self.error,
            "absent": self.absent,
        }


@dataclass
class RunCounts:
    sources: dict[str, SourceCounts] = field(default_factory=dict)
    results: int = 0
    new_results: int = 0
    gone_results: int = 0
    # Results of sources the search no longer reads, ended by this run.
    ended_results: int = 0

    def as_dict(self) -> dict[str, Any]:
        by_platform: dict[str, dict[str, int]] = {}
        for key, counts in self.sources.items():
            platform = key.split(":", 1)[0]
            total = by_platform.setdefault(
                platform,
                dict.fromkeys(
                    (
                        "seen",
                        "results",
                        "new",
                        "new_listings",
                        "changed",
                        "gone",
                        "failed_sources",
                        "absent_sellers",
                    ),
                    0,
                ),
            )
            total["seen"] += counts.seen
            total["results"] += counts.results
            total["new"] += counts.new
            total["new_listings"] += counts.new_listings
            total["changed"] += counts.changed
            total["gone"] += counts.gone
            total["failed_sources"] += counts.error is not None
            total["absent_sellers"] += counts.absent
        return {
            "results": self.results,
            "new_results": self.new_results,
            "gone_results": self.gone_results,
            "ended_results": self.ended_results,
            "platforms": by_platform,
            "sources": {key: counts.as_dict() for key, counts in self.sources.items()},
        }
