def names(response) -> list[str]:
    return [user["username"] for user in response.get_json()["users"]]


def test_follow_and_unfollow_are_idempotent(api, client):
    alice = api.sign_up("alice")
    api.sign_up("bob")
    for _ in range(2):
        response = client.put("/api/users/bob/follow", headers=api.auth(alice))
        assert response.status_code == 204
        assert response.get_data() == b""
    assert client.get("/api/users/bob").get_json()["user"]["followers_count"] == 1
    for _ in range(2):
        response = client.delete("/api/users/BOB/follow", headers=api.auth(alice))
        assert response.status_code == 204
    assert client.get("/api/users/bob").get_json()["user"]["followers_count"] == 0


def test_following_oneself_is_422(api, client):
    alice = api.sign_up("alice")
    response = client.put("/api/users/Alice/follow", headers=api.auth(alice))
    api.error(response, 422, "validation_failed", {"username"})


def test_follow_needs_a_token_and_a_user(api, client):
    alice = api.sign_up("alice")
    api.sign_up("bob")
    api.error(client.put("/api/users/bob/follow"), 401, "unauthorized")
    api.error(client.delete("/api/users/bob/follow"), 401, "unauthorized")
    api.error(client.put("/api/users/nobody/follow", headers=api.auth(alice)), 404, "not_found")
    api.error(client.delete("/api/users/nobody/follow", headers=api.auth(alice)), 404, "not_found")


def test_followers_and_following_list_the_newest_follow_first(api, client):
    tokens = {name: api.sign_up(name) for name in ("alice", "bob", "carol", "dave")}
    for name in ("bob", "dave", "carol"):
        client.put("/api/users/alice/follow", headers=api.auth(tokens[name]))
    for name in ("carol", "bob"):
        client.put(f"/api/users/{name}/follow", headers=api.auth(tokens["alice"]))

    followers = client.get("/api/users/alice/followers")
    assert followers.status_code == 200
    assert names(followers) == ["carol", "dave", "bob"]
    assert followers.get_json()["next_cursor"] is None
    assert names(client.get("/api/users/alice/following")) == ["bob", "carol"]
    assert names(client.get("/api/users/dave/following")) == ["alice"]
    assert names(client.get("/api/users/dave/followers")) == []


def test_follow_lists_say_whether_the_caller_follows_each_user(api, client):
    alice, bob = api.sign_up("alice"), api.sign_up("bob")
    api.sign_up("carol")
    client.put("/api/users/carol/follow", headers=api.auth(bob))
    client.put("/api/users/bob/follow", headers=api.auth(alice))
    users = api.get("/api/users/carol/followers", alice).get_json()["users"]
    assert [(u["username"], u["following"]) for u in users] == [("bob", True)]
    assert users[0]["followers_count"] == 1
    anonymous = client.get("/api/users/carol/followers").get_json()["users"]
    assert "following" not in anonymous[0]


def test_follow_lists_of_an_unknown_user_are_404(api, client):
    api.error(client.get("/api/users/nobody/followers"), 404, "not_found")
    api.error(client.get("/api/users/nobody/following"), 404, "not_found")


def test_refollowing_moves_a_follower_to_the_top(api, client):
    bob, carol = api.sign_up("bob"), api.sign_up("carol")
    api.sign_up("alice")
    client.put("/api/users/alice/follow", headers=api.auth(bob))
    client.put("/api/users/alice/follow", headers=api.auth(carol))
    client.delete("/api/users/alice/follow", headers=api.auth(bob))
    client.put("/api/users/alice/follow", headers=api.auth(bob))
    assert names(client.get("/api/users/alice/followers")) == ["bob", "carol"]
