"""A search run's live progress: counts per step and what it is waiting for.

Each finished source is written to the run (one short transaction per source, not per
upstream call). Waiting for a rate limit is written only when it is long enough to notice
and the run's row would otherwise be wrong by several seconds, so a run held back call after
call by a tight budget writes every few seconds, not on every call. A wait is stored as the
moment it ends, so the page can count down and drop the message by itself when it is over.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from vinyldigger.models.base import utcnow
from vinyldigger.services.marketplaces.ratelimit import WaitListener

# Shorter waits are not worth a message: calls within the budget wait this long anyway.
NOTICEABLE_WAIT_SECONDS = 2.0
# A wait is written again only when the stored end would be this far off, or this long after
# the last write.
WAIT_WRITE_SLACK_SECONDS = 5.0

LiveWriter = Callable[[int, int | None, dict[str, Any]], Awaitable[None]]
StepDone = Callable[[], Awaitable[None]]


@dataclass
class Step:
    key: str
    platform: str
    total: int
    done: int = 0


class SearchProgress:
    """Steps in the order the run takes them ("ebay_searches", "discogs_releases",
    "discogs_inventories"), each with done and total, and the current rate-limit wait."""

    def __init__(self, write: LiveWriter, steps: list[Step]) -> None:
        self._write = write
        self._steps = {step.key: step for step in steps}
        self._waiting_for: str | None = None
        self._waiting_until: datetime | None = None
        self._wait_written_at: float | None = None

    @property
    def done(self) -> int:
        return sum(step.done for step in self._steps.values())

    @property
    def total(self) -> int:
        return sum(step.total for step in self._steps.values())

    def snapshot(self) -> dict[str, Any]:
        waiting = None
        if self._waiting_for is not None and self._waiting_until is not None:
            waiting = {"platform": self._waiting_for, "until": self._waiting_until.isoformat()}
        return {
            "steps": [
                {"key": s.key, "platform": s.platform, "done": s.done, "total": s.total}
                for s in self._steps.values()
            ],
            "waiting": waiting,
        }

    async def flush(self) -> None:
        await self._write(self.done, self.total, self.snapshot())

    async def plan(self, key: str, total: int) -> None:
        """The step's total is known now (e.g. once the sellers found on eBay are known)."""
        step = self._steps[key]
        step.total = max(total, step.done)
        await self.flush()

    def step_done(self, key: str) -> StepDone:
        step = self._steps[key]

        async def done() -> None:
            step.done = min(step.done + 1, step.total)
            self._waiting_for = self._waiting_until = None
            await self.flush()

        return done

    def waits_of(self, platform: str) -> WaitListener:
        async def waiting(seconds: float) -> None:
            if seconds < NOTICEABLE_WAIT_SECONDS:
                return
            ends = utcnow() + timedelta(seconds=seconds)
            now = time.monotonic()
            shown = self._waiting_until if self._waiting_for == platform else None
            written_lately = (
                self._wait_written_at is not None
                and now - self._wait_written_at < WAIT_WRITE_SLACK_SECONDS
            )
            close_enough = (
                shown is not None and (ends - shown).total_seconds() < WAIT_WRITE_SLACK_SECONDS
            )
            if written_lately and close_enough:
                return
            self._waiting_for, self._waiting_until = platform, ends
            self._wait_written_at = now
            await self.flush()

        return waiting
