"""Paging over HTTP: the query every list takes, and the URL of its next page."""

from __future__ import annotations

from typing import Any

from flask import request, url_for
from pydantic import Field

from api.parameters import Parameters
from api.services.paging import (
    DEFAULT_PAGE_SIZE,
    MAX_CURSOR_LENGTH,
    MAX_HISTORY_PAGE_SIZE,
    MAX_PAGE_SIZE,
    NextLink,
    PageRequest,
)


class PageQuery(Parameters):
    """Which page of a list: its size, and where it starts."""

    limit: int = Field(
        default=DEFAULT_PAGE_SIZE,
        ge=1,
        le=MAX_PAGE_SIZE,
        description=f"How many to answer at most, 1 to {MAX_PAGE_SIZE}.",
    )
    cursor: str | None = Field(
        default=None,
        max_length=MAX_CURSOR_LENGTH,
        description="Where the page starts: leave out for the first page; the `next` URL of "
        "an answer carries the cursor of the page after it.",
    )

    def page(self) -> PageRequest:
        """The page the services read."""
        return PageRequest(limit=self.limit, cursor=self.cursor)

    def next_link(self, **path: Any) -> NextLink:
        """Turns a cursor into the URL of the next page of this route, same size."""

        def link(cursor: str) -> str:
            assert request.endpoint is not None  # only called while answering a route
            return url_for(request.endpoint, **path, limit=self.limit, cursor=cursor)

        return link


class HistoryPageQuery(PageQuery):
    """Which page of an athlete's history: its size (a solved week is a few kilobytes, so at
    most 100), and where it starts."""

    limit: int = Field(
        default=DEFAULT_PAGE_SIZE,
        ge=1,
        le=MAX_HISTORY_PAGE_SIZE,
        description=f"How many weeks to answer at most, 1 to {MAX_HISTORY_PAGE_SIZE}.",
    )
