import re

import pytest

RFC3339_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")


def test_sign_up_returns_the_user_and_a_token(client):
    response = client.post("/api/users", json={"username": "alice", "password": "password123"})
    assert response.status_code == 201
    data = response.get_json()
    assert set(data) == {"user", "token"}
    assert len(data["token"]) >= 22  # at least 128 bits, base64
    user = data["user"]
    assert user["username"] == "alice"
    assert isinstance(user["id"], str)
    assert user["bio"] == ""
    assert RFC3339_UTC.fullmatch(user["created_at"])
    assert user["followers_count"] == user["following_count"] == user["posts_count"] == 0
    # No token was sent: "following" is absent. No password, no hash, ever.
    assert "following" not in user
    assert "password" not in response.get_data(as_text=True)
    assert "argon2" not in response.get_data(as_text=True)


def test_the_token_from_sign_up_works(api, client):
    token = api.sign_up("alice")
    assert api.get("/api/me", token).get_json()["user"]["username"] == "alice"


@pytest.mark.parametrize(
    "username", ["ab", "a" * 31, "with space", "dash-ed", "émile", "", 42, None, ["alice"]]
)
def test_sign_up_rejects_bad_usernames(api, client, username):
    response = client.post("/api/users", json={"username": username, "password": "password123"})
    api.error(response, 422, "validation_failed", {"username"})


@pytest.mark.parametrize("username", ["abc", "a" * 30, "Under_Score_9"])
def test_sign_up_accepts_usernames_at_the_limits(client, username):
    response = client.post("/api/users", json={"username": username, "password": "password123"})
    assert response.status_code == 201


@pytest.mark.parametrize("password", ["short77", "x" * 129, 12345678, None, ""])
def test_sign_up_rejects_bad_passwords(api, client, password):
    response = client.post("/api/users", json={"username": "alice", "password": password})
    api.error(response, 422, "validation_failed", {"password"})


def test_passwords_count_code_points(client):
    # 8 code points, 32 bytes in UTF-8: long enough. 129 emoji: too long.
    response = client.post("/api/users", json={"username": "alice", "password": "🔑" * 8})
    assert response.status_code == 201
    response = client.post("/api/users", json={"username": "bob", "password": "🔑" * 129})
    assert response.status_code == 422
    response = client.post("/api/users", json={"username": "carol", "password": "🔑" * 128})
    assert response.status_code == 201


def test_sign_up_reports_every_bad_field(api, client):
    response = client.post("/api/users", json={})
    api.error(response, 422, "validation_failed", {"username", "password"})


def test_usernames_are_unique_ignoring_case(api, client):
    api.sign_up("alice")
    response = client.post("/api/users", json={"username": "ALICE", "password": "password123"})
    api.error(response, 409, "conflict")


def test_profile_is_found_ignoring_case(api, client):
    api.sign_up("Alice")
    response = client.get("/api/users/aLiCe")
    assert response.status_code == 200
    user = response.get_json()["user"]
    assert user["username"] == "Alice"
    assert "following" not in user


def test_profile_of_an_unknown_user_is_404(api, client):
    api.error(client.get("/api/users/nobody"), 404, "not_found")
    api.error(client.get("/api/users/not%20a%20name"), 404, "not_found")


def test_profile_says_whether_the_caller_follows(api, client):
    alice = api.sign_up("alice")
    api.sign_up("bob")
    assert api.get("/api/users/bob", alice).get_json()["user"]["following"] is False
    client.put("/api/users/bob/follow", headers=api.auth(alice))
    assert api.get("/api/users/bob", alice).get_json()["user"]["following"] is True
    # Oneself: false.
    assert api.get("/api/users/alice", alice).get_json()["user"]["following"] is False


def test_profile_counts(api, client):
    alice, bob = api.sign_up("alice"), api.sign_up("bob")
    api.sign_up("carol")
    client.put("/api/users/bob/follow", headers=api.auth(alice))
    client.put("/api/users/carol/follow", headers=api.auth(alice))
    client.put("/api/users/alice/follow", headers=api.auth(bob))
    api.create_post(alice)
    api.create_post(alice)
    user = client.get("/api/users/alice").get_json()["user"]
    assert (user["followers_count"], user["following_count"], user["posts_count"]) == (1, 2, 2)
