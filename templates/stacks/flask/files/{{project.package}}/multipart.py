"""Reading a multipart/form-data body (an upload) strictly, part by part.

Flask's request.form and request.files are forgiving: a body with the wrong boundary or
cut short reads as an empty form, a part with no name is kept under None, a second
`caption` hides behind the first, and bytes that are not UTF-8 become U+FFFD. The API
tells those apart (400 for a body that is not readable multipart/form-data, 422 for a
readable one with the wrong parts), so the body is read here with Werkzeug's own
multipart decoder, the one behind request.form, keeping every part as it came.
"""

from dataclasses import dataclass

from flask import request
from werkzeug.sansio.multipart import Data, Epilogue, Field, File, MultipartDecoder

from .errors import ApiError

# More parts than an upload form could need is a body made to waste the server's time.
MAX_PARTS = 100


@dataclass
class Part:
    name: str
    filename: str | None  # None for a text field; a file part has one, even ""
    data: bytes


def _unreadable(why: str) -> ApiError:
    return ApiError(400, f"the body is not readable multipart/form-data: {why}")


def read_parts() -> list[Part]:
    """Every part of the request's multipart/form-data body, in order, or 400."""
    # The whole body at once, first: a body too large is 413 whatever it holds, and
    # MAX_CONTENT_LENGTH (JSON_MAX_BYTES for other types, see validation.py) bounds it.
    body = request.get_data(cache=False)
    if request.mimetype != "multipart/form-data":
        raise _unreadable("send the image as a form upload (curl -F image=@photo.jpg)")
    boundary = request.mimetype_params.get("boundary")
    if not boundary:
        raise _unreadable("the Content-Type has no boundary")

    decoder = MultipartDecoder(boundary.encode("latin-1"), max_parts=MAX_PARTS)
    decoder.receive_data(body)
    decoder.receive_data(None)  # that was all of it
    parts: list[Part] = []
    try:
        while not isinstance(event := decoder.next_event(), Epilogue):
            if isinstance(event, Field | File):
                # RFC 7578: every part is named. A nameless one is a broken form.
                if not event.name:
                    raise _unreadable("a part has no name")
                filename = event.filename if isinstance(event, File) else None
                parts.append(Part(event.name, filename, b""))
            elif isinstance(event, Data):
                parts[-1].data += event.data
    except ValueError as error:
        # Werkzeug's word for: wrong boundary, cut short, a part without headers.
        raise _unreadable("the body does not match its boundary or ends too soon") from error
    return parts
