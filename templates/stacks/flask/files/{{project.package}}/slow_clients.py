"""Clients that send their request slowly, or stop halfway through it.

gunicorn's threads (gunicorn.conf.py) keep one such client from holding up the others,
but the thread it holds would wait for the rest of its body for ever. Under gunicorn the
connection's socket is in the WSGI environ: giving it a timeout makes a read that waits
longer than REQUEST_TIMEOUT_SECONDS fail, and that request is answered 408.
"""

from flask import Flask, current_app, request
from werkzeug.exceptions import ClientDisconnected

from .errors import MESSAGES, error_response


def register_slow_client_timeout(app: Flask) -> None:
    @app.before_request
    def bound_body_reads() -> None:
        # Only gunicorn puts it there; `flask run` and the test client have none.
        sock = request.environ.get("gunicorn.socket")
        if sock is not None:
            sock.settimeout(current_app.config["REQUEST_TIMEOUT_SECONDS"])

    @app.errorhandler(ClientDisconnected)
    def body_stopped(error: ClientDisconnected):
        # Werkzeug reports a body that stopped coming as a client gone (400), with what
        # went wrong underneath: a TimeoutError when it was the socket's timeout. The
        # bytes still owed are skipped by gunicorn, which knows the body's length.
        if isinstance(error.__context__, TimeoutError):
            return error_response(408, "the request did not arrive in time")
        return error_response(400, MESSAGES[400])
