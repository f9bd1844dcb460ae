import pytest

PASSWORD = "correct horse"


def test_log_in_returns_a_new_token_each_time(api, client):
    first = api.sign_up("alice", PASSWORD)
    response = client.post("/api/sessions", json={"username": "alice", "password": PASSWORD})
    assert response.status_code == 200
    data = response.get_json()
    assert data["user"]["username"] == "alice"
    second = data["token"]
    third = client.post("/api/sessions", json={"username": "alice", "password": PASSWORD})
    assert len({first, second, third.get_json()["token"]}) == 3
    # All of them work until revoked.
    for token in (first, second):
        assert api.get("/api/me", token).status_code == 200


def test_log_in_matches_the_username_ignoring_case(api, client):
    api.sign_up("Alice", PASSWORD)
    response = client.post("/api/sessions", json={"username": "aLICE", "password": PASSWORD})
    assert response.status_code == 200
    assert response.get_json()["user"]["username"] == "Alice"


@pytest.mark.parametrize(
    "username, password",
    [
        ("alice", "wrong password"),
        ("nobody", PASSWORD),
        ("x", PASSWORD),  # not even a valid username: still the same 401
        ("alice", "short"),
        ("alice", PASSWORD.upper()),
    ],
)
def test_wrong_credentials_get_one_and_the_same_401(api, client, username, password):
    api.sign_up("alice", PASSWORD)
    response = client.post("/api/sessions", json={"username": username, "password": password})
    error = api.error(response, 401, "unauthorized")
    assert error["message"] == "wrong username or password"


@pytest.mark.parametrize(
    "body, fields",
    [
        ({"username": 1, "password": PASSWORD}, {"username"}),
        ({"username": "alice", "password": None}, {"password"}),
        ({"username": ["alice"], "password": {"a": 1}}, {"username", "password"}),
        ({}, {"username", "password"}),
    ],
)
def test_log_in_with_values_that_are_not_strings_is_422(api, client, body, fields):
    api.sign_up("alice", PASSWORD)
    api.error(client.post("/api/sessions", json=body), 422, "validation_failed", fields)


def test_log_out_revokes_only_the_token_used(api, client):
    first = api.sign_up("alice", PASSWORD)
    second = client.post("/api/sessions", json={"username": "alice", "password": PASSWORD})
    second = second.get_json()["token"]
    response = client.delete("/api/sessions", headers=api.auth(first))
    assert response.status_code == 204
    assert response.get_data() == b""
    api.error(api.get("/api/me", first), 401, "unauthorized")
    assert api.get("/api/me", second).status_code == 200
    # The revoked token is refused everywhere, logging out again included.
    api.error(client.delete("/api/sessions", headers=api.auth(first)), 401, "unauthorized")


def test_log_out_needs_a_token(api, client):
    api.error(client.delete("/api/sessions"), 401, "unauthorized")
