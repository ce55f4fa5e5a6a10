"""How the API hands work to the background: a dispatcher takes a job name and ids."""

from __future__ import annotations

from typing import Protocol


class JobDispatcher(Protocol):
    def enqueue(self, name: str, args: dict[str, int] | None = None) -> None:
        """Queue job `name`; `args` are ids only, so a retried job reads fresh state."""
