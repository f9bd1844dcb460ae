import io
import re
from pathlib import Path

import pytest

MIB = 1024 * 1024
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"
WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/" + b"\x00" * 16


def upload(client, api, token, image=None, caption=None, name="photo.png", content_type=None):
    data = {}
    if image is not None:
        data["image"] = (io.BytesIO(image), name, content_type)
    if caption is not None:
        data["caption"] = caption
    # multipart/form-data even without a file: the test client would send a form with
    # only a caption as application/x-www-form-urlencoded, which is no upload (400).
    return client.post(
        "/api/posts", data=data, content_type="multipart/form-data", headers=api.auth(token)
    )


def test_a_post_has_exactly_the_documented_fields(api, client):
    token = api.sign_up("alice")
    response = upload(client, api, token, api.PNG, caption="sunset")
    assert response.status_code == 201
    post = response.get_json()["post"]
    assert set(post) == {
        "id",
        "author",
        "caption",
        "image_url",
        "created_at",
        "like_count",
        "comment_count",
        "liked",
    }
    assert post["caption"] == "sunset"
    assert post["comment_count"] == 0
    assert re.fullmatch(r"/uploads/[0-9a-f]{32}\.png", post["image_url"])


def test_the_image_is_served_back_with_its_type(api, client):
    token = api.sign_up("alice")
    post = upload(client, api, token, api.PNG).get_json()["post"]
    response = client.get(post["image_url"])
    assert response.status_code == 200
    assert response.get_data() == api.PNG
    assert response.mimetype == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "image, extension, media_type",
    [(JPEG, "jpg", "image/jpeg"), (GIF, "gif", "image/gif"), (WEBP, "webp", "image/webp")],
)
def test_the_type_is_judged_by_the_bytes_not_the_name(api, client, image, extension, media_type):
    token = api.sign_up("alice")
    # The name and the declared type lie; the bytes decide.
    response = upload(client, api, token, image, name="x.txt", content_type="text/plain")
    assert response.status_code == 201
    url = response.get_json()["post"]["image_url"]
    assert url.endswith(f".{extension}")
    assert client.get(url).mimetype == media_type


@pytest.mark.parametrize(
    "image",
    [b"<html><script>alert(1)</script></html>", b"just text", b"%PDF-1.7", b"\x89PN", b"RIFF"],
)
def test_anything_else_is_415_whatever_its_name(api, client, image):
    token = api.sign_up("alice")
    response = upload(client, api, token, image, name="photo.png", content_type="image/png")
    api.error(response, 415, "unsupported_media_type")


def test_a_missing_image_is_422(api, client):
    token = api.sign_up("alice")
    api.error(upload(client, api, token, caption="no image"), 422, "validation_failed", {"image"})
    # What a browser sends when no file was chosen: a part with an empty name and no bytes.
    response = upload(client, api, token, b"", name="")
    api.error(response, 422, "validation_failed", {"image"})
    # A file part with a name but no bytes is no image either.
    response = upload(client, api, token, b"", name="photo.png")
    api.error(response, 422, "validation_failed", {"image"})


def raw_upload(client, api, token, parts: list[bytes], boundary="b0undary", end=True):
    """POST a multipart body written by hand: each part is its headers, a blank line, data."""
    body = b"".join(b"--" + boundary.encode() + b"\r\n" + part + b"\r\n" for part in parts)
    if end:
        body += b"--" + boundary.encode() + b"--\r\n"
    return client.post(
        "/api/posts",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
        headers=api.auth(token),
    )


def image_part(api, name="image", filename="a.png") -> bytes:
    disposition = f'form-data; name="{name}"; filename="{filename}"'.encode()
    return b"Content-Disposition: " + disposition + b"\r\n\r\n" + api.PNG


def text_part(name: str, value: bytes) -> bytes:
    return f'Content-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + value


def test_a_body_that_is_not_readable_multipart_is_400(api, client):
    token = api.sign_up("alice")
    # JSON, not a form.
    response = client.post("/api/posts", json={"caption": "hi"}, headers=api.auth(token))
    api.error(response, 400, "bad_request")
    # No boundary in the Content-Type.
    response = client.post(
        "/api/posts", data=b"x", content_type="multipart/form-data", headers=api.auth(token)
    )
    api.error(response, 400, "bad_request")
    # A boundary other than the body's.
    body = b"--other\r\n" + image_part(api) + b"\r\n--other--\r\n"
    response = client.post(
        "/api/posts",
        data=body,
        content_type="multipart/form-data; boundary=b0undary",
        headers=api.auth(token),
    )
    api.error(response, 400, "bad_request")
    # Cut short: no closing boundary.
    api.error(raw_upload(client, api, token, [image_part(api)], end=False), 400, "bad_request")
    # A part without a name, or with an empty one (RFC 7578 names every part).
    nameless = b'Content-Disposition: form-data; filename="a.png"\r\n\r\n' + api.PNG
    api.error(raw_upload(client, api, token, [nameless]), 400, "bad_request")
    empty_name = image_part(api, name="")
    api.error(raw_upload(client, api, token, [image_part(api), empty_name]), 400, "bad_request")
    # None of these made a post.
    assert api.get("/api/posts").get_json()["posts"] == []


def test_the_wrong_parts_are_422_on_the_part(api, client):
    token = api.sign_up("alice")
    two_images = [image_part(api), image_part(api, filename="b.png")]
    response = raw_upload(client, api, token, two_images)
    api.error(response, 422, "validation_failed", {"image"})
    response = raw_upload(client, api, token, [text_part("image", api.PNG)])
    api.error(response, 422, "validation_failed", {"image"})
    caption_file = image_part(api, name="caption", filename="caption.txt")
    response = raw_upload(client, api, token, [image_part(api), caption_file])
    api.error(response, 422, "validation_failed", {"caption"})
    two_captions = [text_part("caption", b"one"), text_part("caption", b"two")]
    response = raw_upload(client, api, token, [image_part(api), *two_captions])
    api.error(response, 422, "validation_failed", {"caption"})
    latin1 = text_part("caption", "café".encode("latin-1"))
    response = raw_upload(client, api, token, [image_part(api), latin1])
    api.error(response, 422, "validation_failed", {"caption"})


def test_other_parts_are_ignored_and_a_bare_png_signature_is_an_image(api, client):
    token = api.sign_up("alice")
    signature = b'Content-Disposition: form-data; name="image"; filename="a.png"\r\n\r\n'
    signature += b"\x89PNG\r\n\x1a\n"
    extra = text_part("filter", b"sepia")
    response = raw_upload(client, api, token, [extra, signature, text_part("caption", b"ok")])
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["post"]["caption"] == "ok"


def test_captions_up_to_2200_code_points(api, client):
    token = api.sign_up("alice")
    response = upload(client, api, token, api.PNG, caption="📷" * 2200)
    assert response.status_code == 201
    assert upload(client, api, token, api.PNG).get_json()["post"]["caption"] == ""
    response = upload(client, api, token, api.PNG, caption="📷" * 2201)
    api.error(response, 422, "validation_failed", {"caption"})
    response = upload(client, api, token, caption="x" * 2201)
    api.error(response, 422, "validation_failed", {"caption", "image"})


def test_an_image_of_exactly_5_mib_is_accepted(api, client):
    token = api.sign_up("alice")
    image = api.PNG + b"\x00" * (5 * MIB - len(api.PNG))
    assert upload(client, api, token, image).status_code == 201


@pytest.mark.parametrize("size", [5 * MIB + 1, 8 * MIB])
def test_an_image_over_5_mib_is_json_413(api, client, size):
    token = api.sign_up("alice")
    image = api.PNG + b"\x00" * (size - len(api.PNG))
    api.error(upload(client, api, token, image), 413, "payload_too_large")


def test_the_clients_file_name_is_never_used(api, client, app):
    token = api.sign_up("alice")
    response = upload(client, api, token, api.PNG, name="../../evil.png")
    assert response.status_code == 201
    stored = Path(app.config["UPLOAD_DIR"])
    assert [path.name for path in stored.iterdir()] == [
        response.get_json()["post"]["image_url"].removeprefix("/uploads/")
    ]
    assert not (stored.parent.parent / "evil.png").exists()


def test_deleting_a_post_deletes_its_image(api, client):
    token = api.sign_up("alice")
    post = upload(client, api, token, api.PNG).get_json()["post"]
    client.delete(f"/api/posts/{post['id']}", headers=api.auth(token))
    assert client.get(post["image_url"]).status_code == 404


def test_uploads_that_do_not_exist_are_404(client):
    for name in ("0" * 32 + ".png", "nope.png", "..%2fapp.db", "%2e%2e"):
        assert client.get(f"/uploads/{name}").status_code == 404


def test_posting_an_image_needs_a_token(api, client):
    response = client.post("/api/posts", data={"image": (io.BytesIO(api.PNG), "a.png")})
    api.error(response, 401, "unauthorized")
