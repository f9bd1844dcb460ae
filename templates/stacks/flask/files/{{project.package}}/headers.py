"""Security headers added to every response."""

from flask import Flask, Response

# Scripts only from our own origin: no inline <script>, no eval, so text a user typed
# can never run as code in a visitor's browser even if it slipped into the page as HTML.
# Images may also be data: or blob: URLs (previews of a picture before uploading it).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; img-src 'self' data: blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def register_security_headers(app: Flask) -> None:
    @app.after_request
    def add_headers(response: Response) -> Response:
        # Browsers must believe our Content-Type, not guess from the bytes: an upload
        # that looks like HTML is still served, and treated, as an image.
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response
