import pytest


def reply(client, api, token, parent_id, body="a reply"):
    payload = {"body": body, "reply_to": parent_id}
    return client.post("/api/posts", json=payload, headers=api.auth(token))


def test_a_reply_points_at_its_post_and_counts(api, client):
    alice, bob = api.sign_up("alice"), api.sign_up("bob")
    post = api.create_post(alice)
    response = reply(client, api, bob, post["id"])
    assert response.status_code == 201
    answer = response.get_json()["post"]
    assert answer["reply_to"] == post["id"]
    assert client.get(f"/api/posts/{post['id']}").get_json()["post"]["reply_count"] == 1
    # Replies are posts: in explore, and in their author's posts_count.
    assert answer["id"] in [p["id"] for p in client.get("/api/posts").get_json()["posts"]]
    assert client.get("/api/users/bob").get_json()["user"]["posts_count"] == 1


@pytest.mark.parametrize("parent_id", ["999", "abc", "0", "", 1, 1.5, ["1"], {"id": "1"}])
def test_reply_to_must_name_an_existing_post(api, client, parent_id):
    token = api.sign_up("alice")
    api.create_post(token)  # post "1" exists: an integer 1 is still the wrong type
    response = reply(client, api, token, parent_id)
    api.error(response, 422, "validation_failed", {"reply_to"})


def test_reply_to_null_is_a_top_level_post(api, client):
    token = api.sign_up("alice")
    response = reply(client, api, token, None)
    assert response.status_code == 201
    assert response.get_json()["post"]["reply_to"] is None


def test_replies_are_listed_oldest_first_and_paged(api, client):
    alice, bob = api.sign_up("alice"), api.sign_up("bob")
    post = api.create_post(alice)
    api.create_post(alice)  # not a reply
    answers = [reply(client, api, alice if n % 2 else bob, post["id"], f"r{n}") for n in range(5)]
    expected = [answer.get_json()["post"]["id"] for answer in answers]

    seen, cursor = [], None
    while True:
        query = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = client.get(f"/api/posts/{post['id']}/replies", query_string=query).get_json()
        seen += [p["id"] for p in page["posts"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
        reply(client, api, bob, post["id"], "late")  # new replies land at the end
    assert seen[:5] == expected
    assert len(seen) == len(set(seen))


def test_replies_of_an_unknown_post_are_404(api, client):
    api.error(client.get("/api/posts/999/replies"), 404, "not_found")
    api.error(client.get("/api/posts/abc/replies"), 404, "not_found")


def test_deleting_a_post_keeps_its_replies_with_reply_to_null(api, client):
    alice, bob = api.sign_up("alice"), api.sign_up("bob")
    post = api.create_post(alice)
    answer = reply(client, api, bob, post["id"]).get_json()["post"]
    assert client.delete(f"/api/posts/{post['id']}", headers=api.auth(alice)).status_code == 204
    kept = client.get(f"/api/posts/{answer['id']}")
    assert kept.status_code == 200
    assert kept.get_json()["post"]["reply_to"] is None
