def test_like_and_unlike_are_idempotent(api, client):
    alice, bob = api.sign_up("alice"), api.sign_up("bob")
    post = api.create_post(alice)
    url = f"/api/posts/{post['id']}"
    for _ in range(2):
        response = client.put(f"{url}/like", headers=api.auth(bob))
        assert response.status_code == 204
        assert response.get_data() == b""
    client.put(f"{url}/like", headers=api.auth(alice))

    seen_by_bob = api.get(url, bob).get_json()["post"]
    assert (seen_by_bob["like_count"], seen_by_bob["liked"]) == (2, True)
    anonymous = client.get(url).get_json()["post"]
    assert (anonymous["like_count"], anonymous["liked"]) == (2, False)

    for _ in range(2):
        assert client.delete(f"{url}/like", headers=api.auth(bob)).status_code == 204
    seen_by_bob = api.get(url, bob).get_json()["post"]
    assert (seen_by_bob["like_count"], seen_by_bob["liked"]) == (1, False)


def test_liked_shows_in_lists_too(api, client):
    alice = api.sign_up("alice")
    liked, other = api.create_post(alice), api.create_post(alice)
    client.put(f"/api/posts/{liked['id']}/like", headers=api.auth(alice))
    posts = api.get("/api/posts", alice).get_json()["posts"]
    assert {post["id"]: post["liked"] for post in posts} == {liked["id"]: True, other["id"]: False}


def test_like_needs_a_token_and_a_post(api, client):
    alice = api.sign_up("alice")
    post = api.create_post(alice)
    api.error(client.put(f"/api/posts/{post['id']}/like"), 401, "unauthorized")
    api.error(client.delete(f"/api/posts/{post['id']}/like"), 401, "unauthorized")
    for post_id in ("999", "abc"):
        url = f"/api/posts/{post_id}/like"
        api.error(client.put(url, headers=api.auth(alice)), 404, "not_found")
        api.error(client.delete(url, headers=api.auth(alice)), 404, "not_found")
