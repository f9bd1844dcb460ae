import assert from "node:assert/strict";
import { test } from "node:test";

import { assertError, useApp } from "./helpers.js";

const api = useApp();

test("the feed is the caller's posts and those of whom they follow, newest first", async () => {
  const alice = await api.signUp("alice");
  const bob = await api.signUp("bob");
  const carol = await api.signUp("carol");
  await api.put("/api/users/bob/follow", alice);
  const own = await api.createPost(alice, "mine");
  const followed = await api.createPost(bob, "bob's");
  await api.createPost(carol, "carol's, not followed");

  const response = await api.get("/api/feed", alice);
  assert.equal(response.status, 200);
  assert.deepEqual(
    response.body.posts.map((post) => post.id),
    [followed.id, own.id],
  );
  assert.equal(response.body.next_cursor, null);
});

test("the feed needs a token", async () => {
  assertError(await api.get("/api/feed"), 401, "unauthorized");
});
