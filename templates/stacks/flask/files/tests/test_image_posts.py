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
    return client.post("/api/posts", data=data, headers=api.auth(token))


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
    # JSON instead of a form: there is no image either.
    response = client.post("/api/posts", json={"caption": "hi"}, headers=api.auth(token))
    api.error(response, 422, "validation_failed", {"image"})


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
