"""GET /uploads/<file>: the stored images."""

from flask import Blueprint, send_from_directory

from ..errors import not_found
from ..images import MEDIA_TYPES, STORED_NAME, upload_dir

bp = Blueprint("uploads", __name__)


@bp.get("/uploads/<name>")
def uploaded_file(name: str):
    match = STORED_NAME.fullmatch(name)
    if match is None:
        raise not_found("no such file")
    # A stored file never changes (a new upload gets a new name): let browsers keep it.
    return send_from_directory(
        upload_dir(), name, mimetype=MEDIA_TYPES[match[1]], max_age=365 * 24 * 3600
    )
