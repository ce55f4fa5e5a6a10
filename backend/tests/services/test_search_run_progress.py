"""A search run's live progress: counts per step, and rate-limit waits written without a
database write per upstream call."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from vinyldigger.services.search_run.progress import SearchProgress, Step


class Writes:
    def __init__(self) -> None:
        self.seen: list[tuple[int, int | None, dict[str, Any]]] = []

    async def __call__(self, done: int, total: int | None, live: dict[str, Any]) -> None:
        self.seen.append((done, total, live))

    @property
    def last(self) -> dict[str, Any]:
        return self.seen[-1][2]


def progress(writes: Writes) -> SearchProgress:
    return SearchProgress(
        writes,
        [
            Step("ebay_searches", "ebay", 2),
            Step("discogs_releases", "discogs", 1),
            Step("discogs_inventories", "discogs", 10),
        ],
    )


async def test_counts_per_step_and_totals() -> None:
    writes = Writes()
    live = progress(writes)
    ebay_done = live.step_done("ebay_searches")
    await ebay_done()
    await ebay_done()
    await live.plan("discogs_inventories", 3)  # three sellers known once eBay has answered
    await live.step_done("discogs_releases")()
    done, total, last = writes.seen[-1]
    assert (done, total) == (3, 6)
    assert [(s["key"], s["done"], s["total"]) for s in last["steps"]] == [
        ("ebay_searches", 2, 2),
        ("discogs_releases", 1, 1),
        ("discogs_inventories", 0, 3),
    ]
    assert last["waiting"] is None


async def test_a_long_wait_is_written_once_and_short_ones_not_at_all() -> None:
    writes = Writes()
    live = progress(writes)
    waiting = live.waits_of("discogs")
    await waiting(0.8)  # within the budget's normal pace: not worth a message
    assert writes.seen == []
    before = datetime.now(UTC)
    await waiting(55)
    assert len(writes.seen) == 1
    shown = writes.last["waiting"]
    assert shown["platform"] == "discogs"
    until = datetime.fromisoformat(shown["until"])
    assert before + timedelta(seconds=54) < until < before + timedelta(seconds=57)
    await waiting(0)  # the slot came: nothing written, the page counts down to `until`
    await waiting(54)  # the same wait, told again after a wake-up: same end, not written
    assert len(writes.seen) == 1
    # A step finishing clears the wait.
    await live.step_done("discogs_releases")()
    assert writes.last["waiting"] is None


async def test_back_to_back_short_waits_are_not_written_one_by_one() -> None:
    writes = Writes()
    live = progress(writes)
    waiting = live.waits_of("ebay")
    for _ in range(20):
        await waiting(3)
    assert len(writes.seen) == 1
    # Another marketplace's wait is news.
    await live.waits_of("discogs")(3)
    assert len(writes.seen) == 2 and writes.last["waiting"]["platform"] == "discogs"
