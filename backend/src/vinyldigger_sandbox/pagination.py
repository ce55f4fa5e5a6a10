"""Discogs pagination: `page`/`per_page` in, a `pagination` object and a `Link` header out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from starlette.datastructures import URL

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page:
    number: int
    per_page: int
    items: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.items // self.per_page))

    @property
    def start(self) -> int:
        return (self.number - 1) * self.per_page

    def slice(self, values: Sequence[T]) -> list[T]:
        return list(values[self.start : self.start + self.per_page])


def _int_param(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def page_from(query: dict[str, str], items: int) -> Page:
    """Pages are 1-based; per_page is clamped to 1..100 as Discogs does."""
    per_page = min(MAX_PER_PAGE, max(1, _int_param(query.get("per_page"), DEFAULT_PER_PAGE)))
    number = max(1, _int_param(query.get("page"), 1))
    return Page(number, per_page, items)


def pagination_block(url: URL, page: Page) -> tuple[dict[str, Any], str | None]:
    """The `pagination` object and the matching `Link` header (None on a single page)."""
    targets: dict[str, int] = {}
    if page.number > 1:
        targets["first"] = 1
        targets["prev"] = min(page.number - 1, page.pages)
    if page.number < page.pages:
        targets["next"] = page.number + 1
        targets["last"] = page.pages
    urls = {
        rel: str(url.include_query_params(page=number, per_page=page.per_page))
        for rel, number in targets.items()
    }
    block = {
        "page": page.number,
        "pages": page.pages,
        "per_page": page.per_page,
        "items": page.items,
        "urls": urls,
    }
    link = ", ".join(f'<{target}>; rel="{rel}"' for rel, target in urls.items()) or None
    return block, link
