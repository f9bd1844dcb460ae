"""The web front end: plain files from the package's static/ folder, at the site's root."""

from pathlib import Path

from flask import Blueprint, send_from_directory

bp = Blueprint("web", __name__)

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"

# Python guesses a file's type from tables of the system it runs on, and some
# (Windows' registry) say text/plain for .js: browsers refuse to run that as a
# module script. So the types the front end needs are pinned here.
MEDIA_TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".svg": "image/svg+xml",
}


def _serve(path: str):
    # send_from_directory refuses paths that climb out of STATIC_DIR ("../").
    response = send_from_directory(STATIC_DIR, path, mimetype=MEDIA_TYPES.get(Path(path).suffix))
    # no-cache: the browser revalidates (cheaply, with the ETag), so after an update it
    # never runs an old script against the new API.
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/")
def index():
    return _serve("index.html")


@bp.get("/<page:path>")
def static_file(path: str):
    return _serve(path)
