import assert from "node:assert/strict";
import { test } from "node:test";

import { assertError, useApp } from "./helpers.js";

const api = useApp();

test("a new post has its author, its counts, and a place in the author's posts_count", async () => {
  const token = await api.signUp("alice");
  const post = await api.createPost(token, "first");
  assert.match(post.id, /^[0-9a-f]{24}$/);
  assert.equal(post.author.username, "alice");
  assert.equal(post.like_count, 0);
  assert.equal(post.liked, false);
  assert.match(post.created_at, /Z$/);
  assert.deepEqual((await api.get(`/api/posts/${post.id}`)).body.post, post);
  assert.equal((await api.get("/api/users/alice")).body.user.posts_count, 1);
});

test("a post that does not exist, or a malformed id, is 404", async () => {
  for (const id of ["0123456789abcdef01234567", "42", "not-an-id", "0123456789ABCDEF01234567"]) {
    assertError(await api.get(`/api/posts/${id}`), 404, "not_found");
  }
});

test("explore lists everyone's posts, a profile its user's, newest first", async () => {
  const alice = await api.signUp("alice");
  const bob = await api.signUp("bob");
  const a1 = await api.createPost(alice, "a1");
  const b1 = await api.createPost(bob, "b1");
  const a2 = await api.createPost(alice, "a2");
  const ids = (response) => response.body.posts.map((post) => post.id);
  assert.deepEqual(ids(await api.get("/api/posts")), [a2.id, b1.id, a1.id]);
  assert.deepEqual(ids(await api.get("/api/users/ALICE/posts")), [a2.id, a1.id]);
  assertError(await api.get("/api/users/nobody/posts"), 404, "not_found");
});

test("only its author deletes a post, and its likes go with it", async () => {
  const alice = await api.signUp("alice");
  const bob = await api.signUp("bob");
  const post = await api.createPost(alice);
  await api.put(`/api/posts/${post.id}/like`, bob);

  assertError(await api.delete(`/api/posts/${post.id}`), 401, "unauthorized");
  assertError(await api.delete(`/api/posts/${post.id}`, bob), 403, "forbidden");
  assert.equal((await api.delete(`/api/posts/${post.id}`, alice)).status, 204);
  assertError(await api.get(`/api/posts/${post.id}`), 404, "not_found");
  assertError(await api.delete(`/api/posts/${post.id}`, alice), 404, "not_found");
  assert.equal(await api.db.collection("likes").countDocuments(), 0);
  assert.equal((await api.get("/api/users/alice")).body.user.posts_count, 0);
});

test("deletions racing each other count once", async () => {
  const alice = await api.signUp("alice");
  const post = await api.createPost(alice);
  await api.createPost(alice);
  const statuses = await Promise.all(
    Array.from({ length: 5 }, () => api.delete(`/api/posts/${post.id}`, alice)),
  );
  assert.ok(statuses.some((response) => response.status === 204));
  assert.equal((await api.get("/api/users/alice")).body.user.posts_count, 1);
});
