import assert from "node:assert/strict";
import { test } from "node:test";

import { assertError, useApp } from "./helpers.js";

const api = useApp();

const reply = (token, replyTo, body = "a reply") =>
  api.post("/api/posts", { body, reply_to: replyTo }, token);

test("a reply points at its post, which counts it", async () => {
  const alice = await api.signUp("alice");
  const bob = await api.signUp("bob");
  const post = await api.createPost(alice, "a thread");
  assert.equal(post.reply_to, null);

  const response = await reply(bob, post.id);
  assert.equal(response.status, 201);
  assert.equal(response.body.post.reply_to, post.id);
  assert.equal((await api.get(`/api/posts/${post.id}`)).body.post.reply_count, 1);
  // Replies are posts: they count in posts_count and show in explore.
  assert.equal((await api.get("/api/users/bob")).body.user.posts_count, 1);
  assert.equal((await api.get("/api/posts")).body.posts.length, 2);
});

test("reply_to null, or none, starts a new thread", async () => {
  const alice = await api.signUp("alice");
  assert.equal((await reply(alice, null)).body.post.reply_to, null);
});

test("reply_to must name an existing post", async () => {
  const alice = await api.signUp("alice");
  for (const replyTo of ["0123456789abcdef01234567", "42", 42, { $gt: "" }, true]) {
    assertError(await reply(alice, replyTo), 422, "validation_failed", ["reply_to"]);
  }
});

test("replies are listed oldest first", async () => {
  const alice = await api.signUp("alice");
  const post = await api.createPost(alice);
  const first = (await reply(alice, post.id, "first")).body.post;
  const second = (await reply(alice, post.id, "second")).body.post;
  await reply(alice, first.id, "a reply to a reply, not listed here");
  const response = await api.get(`/api/posts/${post.id}/replies`);
  assert.equal(response.status, 200);
  assert.deepEqual(
    response.body.posts.map((item) => item.id),
    [first.id, second.id],
  );
  assertError(await api.get("/api/posts/0123456789abcdef01234567/replies"), 404, "not_found");
});

test("deleting a post keeps its replies, which stop pointing at it", async () => {
  const alice = await api.signUp("alice");
  const bob = await api.signUp("bob");
  const post = await api.createPost(alice);
  const answer = (await reply(bob, post.id)).body.post;
  const answerToAnswer = (await reply(alice, answer.id)).body.post;

  await api.delete(`/api/posts/${post.id}`, alice);
  assert.equal((await api.get(`/api/posts/${answer.id}`)).body.post.reply_to, null);

  // Deleting a reply takes one off its post's reply_count.
  await api.delete(`/api/posts/${answerToAnswer.id}`, alice);
  assert.equal((await api.get(`/api/posts/${answer.id}`)).body.post.reply_count, 0);
});
