"""The web front end: plain files from the package's static/ folder, at the site's root."""

from pathlib import Path

from flask import Blueprint, send_from_directory

bp = Blueprint("web", __name__)

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"


def _serve(path: str):
    # send_from_directory refuses paths that climb out of STATIC_DIR ("../").
    response = send_from_directory(STATIC_DIR, path)
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
