import assert from "node:assert/strict";
import { test } from "node:test";

import { assertError, useApp } from "./helpers.js";

const api = useApp();

test("liking and unliking are idempotent", async () => {
  const alice = await api.signUp("alice");
  const bob = await api.signUp("bob");
  const post = await api.createPost(alice);
  const url = `/api/posts/${post.id}`;
  for (let i = 0; i < 2; i++) {
    assert.equal((await api.put(`${url}/like`, bob)).status, 204);
  }
  await api.put(`${url}/like`, alice);
  const seenByBob = (await api.get(url, bob)).body.post;
  assert.deepEqual([seenByBob.like_count, seenByBob.liked], [2, true]);
  const anonymous = (await api.get(url)).body.post;
  assert.deepEqual([anonymous.like_count, anonymous.liked], [2, false]);

  for (let i = 0; i < 2; i++) {
    assert.equal((await api.delete(`${url}/like`, bob)).status, 204);
  }
  const after = (await api.get(url, bob)).body.post;
  assert.deepEqual([after.like_count, after.liked], [1, false]);
});

test("likes racing each other count once", async () => {
  const alice = await api.signUp("alice");
  const post = await api.createPost(alice);
  await Promise.all(Array.from({ length: 8 }, () => api.put(`/api/posts/${post.id}/like`, alice)));
  assert.equal((await api.get(`/api/posts/${post.id}`)).body.post.like_count, 1);
  await Promise.all(
    Array.from({ length: 8 }, () => api.delete(`/api/posts/${post.id}/like`, alice)),
  );
  assert.equal((await api.get(`/api/posts/${post.id}`)).body.post.like_count, 0);
});

test("`liked` shows in lists too", async () => {
  const alice = await api.signUp("alice");
  const liked = await api.createPost(alice);
  const other = await api.createPost(alice);
  await api.put(`/api/posts/${liked.id}/like`, alice);
  const { posts } = (await api.get("/api/posts", alice)).body;
  assert.deepEqual(
    Object.fromEntries(posts.map((post) => [post.id, post.liked])),
    { [liked.id]: true, [other.id]: false },
  );
});

test("liking needs a token and a post", async () => {
  const alice = await api.signUp("alice");
  const post = await api.createPost(alice);
  assertError(await api.put(`/api/posts/${post.id}/like`), 401, "unauthorized");
  assertError(await api.delete(`/api/posts/${post.id}/like`), 401, "unauthorized");
  for (const id of ["999", "0123456789abcdef01234567"]) {
    assertError(await api.put(`/api/posts/${id}/like`, alice), 404, "not_found");
    assertError(await api.delete(`/api/posts/${id}/like`, alice), 404, "not_found");
  }
});
