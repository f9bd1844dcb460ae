"""Reading request bodies and checking their fields.

Checks collect every problem before answering, so a client learns about all of its
mistakes at once: {"fields": {"username": "...", "password": "..."}}.
"""

import json
import re
from typing import Any

from flask import request

from .errors import ApiError, validation_failed
from .limits import JSON_MAX_BYTES, USERNAME_MAX, USERNAME_MIN

# fullmatch() on an explicit ASCII class: \w would let in letters of every alphabet.
USERNAME = re.compile(f"[A-Za-z0-9_]{{{USERNAME_MIN},{USERNAME_MAX}}}")


def limit_body_size() -> None:
    """Runs before every request: any body but an upload is held to JSON_MAX_BYTES.

    MAX_CONTENT_LENGTH must leave room for an image, so the smaller JSON limit is set
    per request. Werkzeug enforces it the moment the body is read: 413 for a larger
    Content-Length, before reading a single byte of it.
    """
    if request.mimetype != "multipart/form-data":
        request.max_content_length = JSON_MAX_BYTES


def json_body() -> dict[str, Any]:
    """The request's JSON object, or 400 (413 when over JSON_MAX_BYTES)."""
    raw = request.get_data()
    # A chunked body has no Content-Length to refuse up front, and Werkzeug stops reading
    # it quietly at the limit: if more is still coming, the body is too large.
    if (
        request.content_length is None
        and len(raw) >= JSON_MAX_BYTES
        and request.environ["wsgi.input"].read(1)
    ):
        raise ApiError(413, "the request body is too large")
    return parse_json_object(raw)


# A string holding half of a UTF-16 surrogate pair: JSON's "\ud800" escape, which Python's
# json module turns into a str that no UTF-8 encoder (argon2's, SQLite's) will take.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _refuse_constant(name: str) -> None:
    # Python's json reads NaN and Infinity; RFC 8259 has no such values.
    raise ValueError(f"{name} is not JSON")


def _holds_lone_surrogate(data: Any) -> bool:
    """Whether any string in the parsed body, keys included, holds a lone surrogate.

    A loop with a list of values still to look at, not recursion: a body nested a few
    hundred levels deep must not exhaust Python's call stack.
    """
    waiting = [data]
    while waiting:
        value = waiting.pop()
        if isinstance(value, str):
            if _LONE_SURROGATE.search(value):
                return True
        elif isinstance(value, dict):
            waiting.extend(value.keys())
            waiting.extend(value.values())
        elif isinstance(value, list):
            waiting.extend(value)
    return False


def parse_json_object(raw: bytes) -> dict[str, Any]:
    """The body as a JSON object (RFC 8259), or 400: checked once, before any field.

    Read whatever the Content-Type says (curl's -d sends a form's). json.loads(bytes) would
    guess an encoding, drop a byte-order mark and let encoded surrogates through, so the
    bytes are decoded here, as strict UTF-8. RecursionError: "[[[[...]]]]" nested
    thousands deep is more than Python's parser will follow.
    """
    try:
        text = raw.decode("utf-8")
        if text.startswith("\ufeff"):
            raise ValueError("a byte-order mark is not JSON")
        data = json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict) or _holds_lone_surrogate(data):
        raise ApiError(400, "the body must be a JSON object, in UTF-8")
    return data


class Checks:
    """Collects field errors; done() raises one 422 naming them all."""

    def __init__(self) -> None:
        self.fields: dict[str, str] = {}

    def fail(self, name: str, problem: str) -> None:
        self.fields.setdefault(name, problem)

    def text(self, value: Any, name: str, low: int, high: int, *, blank_ok: bool = True) -> str:
        """A string of low to high code points (len() counts code points in Python)."""
        if not isinstance(value, str) or not low <= len(value) <= high:
            self.fail(name, f"must be a string of {low}-{high} characters")
            return ""
        if not blank_ok and not value.strip():
            self.fail(name, "must not be only white space")
        return value

    def done(self) -> None:
        if self.fields:
            raise validation_failed(self.fields)
