"""URL converters: what a path segment must look like before a view sees it."""

from werkzeug.routing import BaseConverter, PathConverter


class IdConverter(BaseConverter):
    """A database id: 1 to 18 digits, no leading zero.

    Anything else ("abc", "-1", a 30-digit number) matches no route, which is the
    contract's 404 for a malformed id, and never reaches the database as a value it
    cannot store.
    """

    regex = r"[1-9][0-9]{0,17}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class PageConverter(PathConverter):
    """A front-end file path, anything except under /api/.

    The front end is served from the site's root, so its route would otherwise match
    every path: `POST /api/nonsense` would then be a 405 (that route only takes GET)
    instead of the 404 an unknown API path deserves.
    """

    regex = r"(?!api(?:/|$))[^/].*?"
