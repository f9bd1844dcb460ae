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


def test_a_page_of_the_feed_reads_a_page_per_author_and_sorts_no_more(api, client, query_plans):
    alice, bob, carol = api.sign_up("alice"), api.sign_up("bob"), api.sign_up("carol")
    client.put("/api/users/bob/follow", headers=api.auth(alice))
    client.put("/api/users/carol/follow", headers=api.auth(alice))
    for token in (alice, bob, carol, alice, bob, carol):
        api.create_post(token)

    with query_plans.collect() as plans:
        first = api.get("/api/feed?limit=2", alice).get_json()
        api.get(f"/api/feed?limit=2&cursor={first['next_cursor']}", alice)

    query_plans.assert_bounded(plans)
    lines = [line for plan in plans for line in plan]
    # Page 2 starts each author's range at the cursor: a seek, not a skip.
    seek = "ix_posts_author_created (author_id=? AND created_at<?)"
    assert any(line.startswith("SEARCH posts") and line.endswith(seek) for line in lines), lines
