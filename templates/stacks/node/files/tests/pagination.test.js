import assert from "node:assert/strict";
import { test } from "node:test";

import { assertError, useApp } from "./helpers.js";

const api = useApp();

/**
 * Follows next_cursor to the end, calling `between()` after each page;
 * returns the ids (usernames for users) in the order received.
 */
async function walk(url, { key = "posts", limit = 7, token, between } = {}) {
  const seen = [];
  let cursor = null;
  for (;;) {
    const query = new URLSearchParams({ limit, ...(cursor && { cursor }) });
    const response = await api.get(`${url}?${query}`, token);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const page = response.body;
    assert.ok(page[key].length <= limit);
    seen.push(...page[key].map((item) => (key === "users" ? item.username : item.id)));
    cursor = page.next_cursor;
    if (cursor === null) {
      return seen;
    }
    assert.equal(typeof cursor, "string");
    await between?.();
  }
}

test("a page holds 20 items unless told otherwise, then a cursor leads on", async () => {
  const token = await api.signUp("alice");
  for (let n = 0; n < 23; n++) {
    await api.createPost(token, `post ${n}`);
  }
  const first = (await api.get("/api/posts")).body;
  assert.equal(first.posts.length, 20);
  const rest = (await api.get(`/api/posts?cursor=${first.next_cursor}`)).body;
  assert.equal(rest.posts.length, 3);
  assert.equal(rest.next_cursor, null);
});

test("every post comes exactly once, in order, even while others are posted", async () => {
  const alice = await api.signUp("alice");
  const bob = await api.signUp("bob");
  await api.put("/api/users/bob/follow", alice);
  for (let n = 0; n < 30; n++) {
    await api.createPost(n % 2 ? alice : bob, `post ${n}`);
  }
  const postMore = async () => {
    await api.createPost(alice, "new while paging");
    await api.createPost(bob, "new while paging");
  };
  for (const [url, token] of [
    ["/api/posts", undefined],
    ["/api/users/bob/posts", undefined],
    ["/api/feed", alice],
  ]) {
    const everything = await walk(url, { limit: 100, token });
    assert.deepEqual(await walk(url, { token, between: postMore }), everything);
    assert.ok(everything.length >= 15);
    assert.equal(new Set(everything).size, everything.length);
  }
});

test("posts created at the same moment are ordered by id", async () => {
  const token = await api.signUp("alice");
  const created = [];
  for (let n = 0; n < 5; n++) {
    created.push((await api.createPost(token)).id);
  }
  await api.db
    .collection("posts")
    .updateMany({}, { $set: { created_at: new Date("2026-01-01T12:00:00Z") } });
  assert.deepEqual(await walk("/api/posts", { limit: 2 }), created.reverse());
});

test("follower lists page through every user once", async () => {
  const tokens = [];
  for (let n = 0; n < 12; n++) {
    tokens.push(await api.signUp(`user${n}`));
  }
  await api.signUp("star");
  for (const token of tokens) {
    await api.put("/api/users/star/follow", token);
  }
  const expected = tokens.map((_, n) => `user${n}`).reverse();
  assert.deepEqual(await walk("/api/users/star/followers", { key: "users", limit: 5 }), expected);
});

test("a limit that is not a whole number from 1 to 100 is 422", async () => {
  for (const limit of ["0", "101", "-1", "1.5", "abc", "", "1e1", " 5", "5&limit=6"]) {
    const response = await api.get(`/api/posts?limit=${limit}`);
    assertError(response, 422, "validation_failed", ["limit"]);
  }
  assert.equal((await api.get("/api/posts?limit=100")).status, 200);
});

test("a cursor the server did not hand out is 422", async () => {
  const made = Buffer.from("1.0123456789abcdef01234567").toString("base64url");
  assert.equal((await api.get(`/api/posts?cursor=${made}`)).status, 200);
  for (const cursor of ["nonsense", "", Buffer.from("1.xyz").toString("base64url"), "a&cursor=b"]) {
    const response = await api.get(`/api/posts?cursor=${cursor}`);
    assertError(response, 422, "validation_failed", ["cursor"]);
  }
  const both = await api.get("/api/posts?limit=0&cursor=bad");
  assertError(both, 422, "validation_failed", ["limit", "cursor"]);
});
