"""Cursor pagination.

A page is ordered by (created_at, id): creation time first, the id to break ties, so the
order is total. The cursor is the position of the page's last item, "created_at|id",
base64-encoded so that clients treat it as opaque. The next page asks for the items
strictly after that position: unlike OFFSET, nothing is skipped or repeated when new
items arrive while someone is paging.
"""

import base64
import binascii
import re
from datetime import datetime

from flask import request
from sqlalchemy import ColumnElement, Select, literal, tuple_
from sqlalchemy.engine import Row

from .database import db
from .limits import PAGE_DEFAULT, PAGE_MAX
from .validation import Checks

_LIMIT = re.compile(r"[0-9]{1,3}")
_POSITION = re.compile(r"([0-9T:.-]{26})\|([1-9][0-9]{0,17})")


def encode_cursor(created_at: datetime, item_id: int) -> str:
    position = f"{created_at.isoformat(timespec='microseconds')}|{item_id}"
    return base64.urlsafe_b64encode(position.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int] | None:
    try:
        raw = base64.b64decode(cursor + "=" * (-len(cursor) % 4), altchars=b"-_", validate=True)
        match = _POSITION.fullmatch(raw.decode("ascii"))
        if match is None:
            return None
        return datetime.fromisoformat(match[1]), int(match[2])
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


def _only_value(checks: Checks, name: str, problem: str) -> str | None:
    """The query parameter `name`, or None when absent; given twice it is a mistake.

    request.args.get() would quietly take the first of `limit=1&limit=2`: which one the
    client meant is a guess, so both are refused.
    """
    values = request.args.getlist(name)
    if len(values) > 1:
        checks.fail(name, f"must be given once; {problem}")
        return None
    return values[0] if values else None


def page_args() -> tuple[int, tuple[datetime, int] | None]:
    """`limit` and `cursor` from the query string, or a 422 naming the bad ones."""
    checks = Checks()
    limit = PAGE_DEFAULT
    limit_problem = f"must be a whole number from 1 to {PAGE_MAX}"
    raw_limit = _only_value(checks, "limit", limit_problem)
    if raw_limit is not None:
        # Digits only: int() alone would also take " 5", "+5" and "5_0".
        if _LIMIT.fullmatch(raw_limit) and 1 <= int(raw_limit) <= PAGE_MAX:
            limit = int(raw_limit)
        else:
            checks.fail("limit", limit_problem)
    position = None
    cursor_problem = "is not a cursor this server handed out"
    raw_cursor = _only_value(checks, "cursor", cursor_problem)
    if raw_cursor is not None:
        position = decode_cursor(raw_cursor)
        if position is None:
            checks.fail("cursor", cursor_problem)
    checks.done()
    return limit, position


def after(
    created_at, item_id, position: tuple[datetime, int], *, newest_first: bool = True
) -> ColumnElement:
    """The rows strictly after `position` in the page's order, as one comparison of pairs.

    `(created_at, id) < (at, last_id)` means `created_at < at OR (created_at = at AND id <
    last_id)`, but written as a pair the database can start reading its index at that
    position. Written with OR, it reads the index from the top and skips what comes before:
    page 50 would cost 50 pages.
    """
    at, last_id = position
    here = tuple_(created_at, item_id)
    there = tuple_(literal(at, created_at.type), literal(last_id, item_id.type))
    return here < there if newest_first else here > there


def paginate(query: Select, created_at, item_id, *, newest_first: bool = True):
    """Run one page of `query`, ordered by the two given columns.

    Returns (rows, next_cursor); next_cursor is None on the last page. One extra row is
    fetched to learn whether there is a next page without counting them all.
    """
    limit, position = page_args()
    if position is not None:
        query = query.where(after(created_at, item_id, position, newest_first=newest_first))
    order = (created_at.desc(), item_id.desc()) if newest_first else (created_at, item_id)
    query = query.add_columns(
        created_at.label("page_created_at"), item_id.label("page_item_id")
    ).order_by(*order)
    rows: list[Row] = list(db.session.execute(query.limit(limit + 1)))
    if len(rows) <= limit:
        return rows, None
    last = rows[limit - 1]
    return rows[:limit], encode_cursor(last.page_created_at, last.page_item_id)
