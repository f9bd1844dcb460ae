"""Image files: recognising them by their bytes, storing and deleting them.

The client's file name and declared Content-Type are never trusted: the type comes from
the file's first bytes (its "magic number"), the name is random, and the extension is
the one that matches the bytes.
"""

import re
import secrets
from pathlib import Path

from flask import current_app

# Extension -> Content-Type served for it.
MEDIA_TYPES = {
    "jpg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
}

# The names save() gives: only such names are ever read from or deleted in the folder.
STORED_NAME = re.compile(r"[0-9a-f]{32}\.(jpg|png|gif|webp)")


def sniff(data: bytes) -> str | None:
    """The extension for JPEG, PNG, GIF or WebP data, or None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def upload_dir() -> Path:
    return current_app.config["UPLOAD_DIR"]


def save(data: bytes, extension: str) -> str:
    """Write the image under a new random name (128 bits: unguessable) and return it."""
    name = f"{secrets.token_hex(16)}.{extension}"
    # "xb" refuses to overwrite, should two names ever collide.
    with open(upload_dir() / name, "xb") as file:
        file.write(data)
    return name


def delete(name: str) -> None:
    (upload_dir() / name).unlink(missing_ok=True)


def delete_all() -> None:
    for path in upload_dir().iterdir():
        if STORED_NAME.fullmatch(path.name):
            path.unlink()
