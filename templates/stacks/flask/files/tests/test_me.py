import pytest


def test_me_needs_a_token(api, client):
    api.error(client.get("/api/me"), 401, "unauthorized")
    api.error(client.patch("/api/me", json={"bio": "hi"}), 401, "unauthorized")


def test_me_returns_the_caller(api, client):
    token = api.sign_up("alice")
    user = api.get("/api/me", token).get_json()["user"]
    assert user["username"] == "alice"
    assert user["following"] is False


def test_patch_me_sets_the_bio(api, client):
    token = api.sign_up("alice")
    response = client.patch("/api/me", json={"bio": "é" * 160}, headers=api.auth(token))
    assert response.status_code == 200
    assert response.get_json()["user"]["bio"] == "é" * 160
    assert client.get("/api/users/alice").get_json()["user"]["bio"] == "é" * 160
    response = client.patch("/api/me", json={"bio": ""}, headers=api.auth(token))
    assert response.get_json()["user"]["bio"] == ""


def test_patch_me_without_bio_changes_nothing(api, client):
    token = api.sign_up("alice")
    client.patch("/api/me", json={"bio": "hello"}, headers=api.auth(token))
    response = client.patch("/api/me", json={}, headers=api.auth(token))
    assert response.status_code == 200
    assert response.get_json()["user"]["bio"] == "hello"


@pytest.mark.parametrize("bio", ["x" * 161, None, 7, ["bio"]])
def test_patch_me_rejects_a_bad_bio(api, client, bio):
    token = api.sign_up("alice")
    response = client.patch("/api/me", json={"bio": bio}, headers=api.auth(token))
    api.error(response, 422, "validation_failed", {"bio"})
