import re
from pathlib import Path

# What each kind of front-end file must be served as: browsers refuse to run a
# module script sent with another type.
MEDIA_TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".svg": "image/svg+xml",
}


def front_end_files(app) -> list[Path]:
    static = Path(app.root_path) / "static"
    return sorted(path for path in static.rglob("*") if path.is_file())


def test_the_front_end_is_served_at_the_root_with_a_strict_csp(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    directives = {
        part.split()[0]: part.split()[1:]
        for part in response.headers["Content-Security-Policy"].split(";")
        if part.strip()
    }
    assert directives["script-src"] == ["'self'"]
    assert response.headers["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()"
    assert client.get("/index.html").status_code == 200


def test_every_front_end_file_is_served_with_its_type(app, client):
    files = front_end_files(app)
    assert files
    for path in files:
        url = "/" + path.relative_to(Path(app.root_path) / "static").as_posix()
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.mimetype == MEDIA_TYPES[path.suffix], url


def test_the_front_end_needs_nothing_the_csp_forbids(app):
    # An inline <script>, a style="" or an onclick="" would be blocked by the CSP.
    for path in front_end_files(app):
        if path.suffix == ".html":
            html = path.read_text(encoding="utf-8")
            assert not re.search(r"<script(?![^>]*\bsrc=)", html), path.name
            assert not re.search(r"\s(style|on\w+)=", html), path.name


# What would turn a string into markup or code.
PARSES_HTML_OR_CODE = ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(")


def test_the_front_end_never_parses_text_as_html(app):
    # User text goes into the page as text (textContent, append), so it cannot run.
    for path in front_end_files(app):
        if path.suffix == ".js":
            script = path.read_text(encoding="utf-8")
            assert not [name for name in PARSES_HTML_OR_CODE if name in script], path.name


def test_every_response_says_nosniff_and_no_referrer(api, client):
    token = api.sign_up("alice")
    responses = [
        client.get("/healthz"),
        client.get("/api/posts"),
        client.get("/api/nope"),
        client.post("/api/me"),
        client.get("/api/me"),
        client.delete("/api/sessions", headers=api.auth(token)),
        client.get("/no-such-file.js"),
    ]
    for response in responses:
        assert response.headers["X-Content-Type-Options"] == "nosniff", response.status
        assert response.headers["Referrer-Policy"] == "no-referrer", response.status


def test_files_outside_the_front_end_are_not_served(api, client):
    for path in ("/no-such-file.css", "/..%2fwsgi.py", "/%2e%2e/pyproject.toml", "/../wsgi.py"):
        response = client.get(path)
        assert response.status_code == 404, path
