import pytest


def create(client, api, token, payload):
    return client.post("/api/posts", json=payload, headers=api.auth(token))


def test_a_post_has_exactly_the_documented_fields(api, client):
    token = api.sign_up("alice")
    response = create(client, api, token, {"body": "hello <b>world</b>", "extra": "ignored"})
    assert response.status_code == 201
    post = response.get_json()["post"]
    assert set(post) == {
        "id",
        "author",
        "body",
        "reply_to",
        "created_at",
        "like_count",
        "reply_count",
        "liked",
    }
    # Stored as typed: the front end inserts it as text, never as HTML.
    assert post["body"] == "hello <b>world</b>"
    assert post["reply_to"] is None
    assert post["reply_count"] == 0


@pytest.mark.parametrize("body", ["x", "x" * 280, "🐍" * 280, "  padded  "])
def test_bodies_of_1_to_280_code_points_are_accepted(api, client, body):
    token = api.sign_up("alice")
    response = create(client, api, token, {"body": body})
    assert response.status_code == 201
    assert response.get_json()["post"]["body"] == body


@pytest.mark.parametrize("body", ["", "x" * 281, "🐍" * 281, " ", " \n\t\u3000 ", None, 5, ["x"]])
def test_bad_bodies_are_422(api, client, body):
    token = api.sign_up("alice")
    api.error(create(client, api, token, {"body": body}), 422, "validation_failed", {"body"})


def test_a_missing_body_is_422(api, client):
    token = api.sign_up("alice")
    api.error(create(client, api, token, {}), 422, "validation_failed", {"body"})


def test_every_bad_field_is_reported(api, client):
    token = api.sign_up("alice")
    response = create(client, api, token, {"body": "", "reply_to": "999"})
    api.error(response, 422, "validation_failed", {"body", "reply_to"})


def test_posting_json_that_is_not_an_object_is_400(api, client):
    token = api.sign_up("alice")
    response = client.post(
        "/api/posts", data="[]", content_type="application/json", headers=api.auth(token)
    )
    api.error(response, 400, "bad_request")
