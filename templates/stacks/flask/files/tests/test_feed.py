def test_feed_holds_my_posts_and_those_of_whom_i_follow(api, client):
    alice, bob, carol = api.sign_up("alice"), api.sign_up("bob"), api.sign_up("carol")
    client.put("/api/users/bob/follow", headers=api.auth(alice))
    mine = api.create_post(alice)
    bobs = api.create_post(bob)
    api.create_post(carol)  # not followed: not in alice's feed
    also_mine = api.create_post(alice)

    response = api.get("/api/feed", alice)
    assert response.status_code == 200
    ids = [post["id"] for post in response.get_json()["posts"]]
    assert ids == [also_mine["id"], bobs["id"], mine["id"]]
    assert response.get_json()["next_cursor"] is None


def test_unfollowing_removes_from_the_feed(api, client):
    alice, bob = api.sign_up("alice"), api.sign_up("bob")
    client.put("/api/users/bob/follow", headers=api.auth(alice))
    api.create_post(bob)
    assert len(api.get("/api/feed", alice).get_json()["posts"]) == 1
    client.delete("/api/users/bob/follow", headers=api.auth(alice))
    assert api.get("/api/feed", alice).get_json()["posts"] == []


def test_feed_needs_a_token(api, client):
    api.error(client.get("/api/feed"), 401, "unauthorized")
