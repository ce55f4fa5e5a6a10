"""Offset pagination shared by every list endpoint."""

from __future__ import annotations

import math
from typing import Annotated, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel

Item = TypeVar("Item")
MAX_PER_PAGE = 100


class PageParams(BaseModel):
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def page_params(
    page: Annotated[int, Query(ge=1, le=100_000, description="1-based page number")] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description="Items per page")] = 25,
) -> PageParams:
    return PageParams(page=page, per_page=per_page)


Pagination = Annotated[PageParams, Depends(page_params)]


class Page(BaseModel, Generic[Item]):
    items: list[Item]
    total: int
    page: int
    per_page: int
    pages: int

    @classmethod
    def build(cls, items: list[Item], total: int, params: PageParams) -> Page[Item]:
        return cls(
            items=items,
            total=total,
            page=params.page,
            per_page=params.per_page,
            pages=max(1, math.ceil(total / params.per_page)),
        )
