"""Every error leaves the server as the same JSON shape:

    {"error": {"code": "not_found", "message": "no such post"}}

Views raise ApiError; the handlers below also turn Werkzeug's own errors (unknown route,
wrong method, body too large) and any crash into that shape, so a client never sees an
HTML error page, a stack trace or an SQL statement.
"""

from flask import Flask, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

# The machine-readable codes of the API, by HTTP status.
CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_failed",
    500: "internal",
}

# What to say when Werkzeug raises an error by itself.
MESSAGES = {
    400: "the request could not be understood",
    404: "no such route",
    405: "this route does not accept that method",
    413: "the request body is too large",
}


class ApiError(Exception):
    def __init__(self, status: int, message: str, fields: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.fields = fields


def unauthorized(message: str = "log in first") -> ApiError:
    return ApiError(401, message)


def not_found(message: str) -> ApiError:
    return ApiError(404, message)


def validation_failed(fields: dict[str, str]) -> ApiError:
    """422, naming every invalid field: "body must be 1-280 characters"."""
    message = "; ".join(f"{name} {problem}" for name, problem in fields.items())
    return ApiError(422, message, fields)


def error_response(status: int, message: str, fields: dict[str, str] | None = None, code=None):
    error = {"code": code or CODES[status], "message": message}
    if fields is not None:
        error["fields"] = fields
    return jsonify(error=error), status


_DRAIN_CAP = 64 * 1024 * 1024


def _drain_unread_body() -> None:
    """Read the rest of a body too large to handle, before answering 413.

    Answering without reading it and then closing the connection makes the kernel reset
    the connection, and many clients then report "connection reset" instead of our 413.
    Reading stops at the end of the body or at a cap, so a huge one cannot hold the worker
    for long.
    """
    length, limit = request.content_length, request.max_content_length
    if length is not None:
        if limit is None or length <= limit:
            return  # the body was read already
        remaining = min(length, _DRAIN_CAP)  # refused up front: nothing read yet
    elif request.environ.get("wsgi.input_terminated"):
        remaining = _DRAIN_CAP  # chunked: the server tells us where the body ends
    else:
        return
    stream = request.environ["wsgi.input"]
    while remaining > 0:
        chunk = stream.read(min(remaining, 64 * 1024))
        if not chunk:
            break
        remaining -= len(chunk)


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def api_error(error: ApiError):
        if error.status == 413:
            _drain_unread_body()
        return error_response(error.status, error.message, error.fields)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        if status == 413:
            _drain_unread_body()
        # A status the API does not list (416, 431...) gets a code from its name.
        code = CODES.get(status) or error.name.lower().replace(" ", "_")
        message = MESSAGES.get(status, error.name.lower())
        response, status = error_response(status, message, code=code)
        if getattr(error, "valid_methods", None):  # 405 says which methods would work
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response, status

    @app.errorhandler(Exception)
    def crash(error: Exception):
        # The details go to the server's log, never to the client.
        current_app.logger.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(500, "something went wrong on our side")
