import assert from "node:assert/strict";
import { test } from "node:test";

import { assertError, useApp } from "./helpers.js";

const api = useApp();

const counts = async (name) => {
  const { user } = (await api.get(`/api/users/${name}`)).body;
  return [user.followers_count, user.following_count];
};

test("following and unfollowing are idempotent, and the counts follow", async () => {
  const alice = await api.signUp("alice");
  await api.signUp("bob");
  for (let i = 0; i < 2; i++) {
    const response = await api.put("/api/users/BOB/follow", alice);
    assert.equal(response.status, 204);
  }
  assert.deepEqual(await counts("bob"), [1, 0]);
  assert.deepEqual(await counts("alice"), [0, 1]);
  assert.equal((await api.get("/api/users/bob", alice)).body.user.following, true);

  for (let i = 0; i < 2; i++) {
    assert.equal((await api.delete("/api/users/bob/follow", alice)).status, 204);
  }
  assert.deepEqual(await counts("bob"), [0, 0]);
  assert.deepEqual(await counts("alice"), [0, 0]);
});

test("follows racing each other count once", async () => {
  const alice = await api.signUp("alice");
  await api.signUp("bob");
  const responses = await Promise.all(
    Array.from({ length: 8 }, () => api.put("/api/users/bob/follow", alice)),
  );
  assert.ok(responses.every((response) => response.status === 204));
  assert.deepEqual(await counts("bob"), [1, 0]);
});

test("nobody can follow themselves; unfollowing oneself does nothing", async () => {
  const alice = await api.signUp("alice");
  const response = await api.put("/api/users/Alice/follow", alice);
  assertError(response, 422, "validation_failed", ["username"]);
  assert.equal((await api.delete("/api/users/alice/follow", alice)).status, 204);
  assert.deepEqual(await counts("alice"), [0, 0]);
});

test("following needs a token and an existing user", async () => {
  const alice = await api.signUp("alice");
  assertError(await api.put("/api/users/alice/follow"), 401, "unauthorized");
  assertError(await api.delete("/api/users/alice/follow"), 401, "unauthorized");
  assertError(await api.put("/api/users/nobody/follow", alice), 404, "not_found");
  assertError(await api.delete("/api/users/nobody/follow", alice), 404, "not_found");
});

test("followers and following list users, newest follow first", async () => {
  const alice = await api.signUp("alice");
  const tokens = {};
  for (const name of ["bob", "carol", "dave"]) {
    tokens[name] = await api.signUp(name);
    await api.put(`/api/users/${name}/follow`, alice);
  }
  await api.put("/api/users/alice/follow", tokens.carol);
  await api.put("/api/users/alice/follow", tokens.bob);

  const following = await api.get("/api/users/alice/following");
  assert.equal(following.status, 200);
  assert.deepEqual(
    following.body.users.map((user) => user.username),
    ["dave", "carol", "bob"],
  );
  assert.equal(following.body.next_cursor, null);
  const followers = await api.get("/api/users/alice/followers", tokens.bob);
  assert.deepEqual(
    followers.body.users.map((user) => [user.username, user.following]),
    [
      ["bob", false],
      ["carol", false],
    ],
  );
  assertError(await api.get("/api/users/nobody/followers"), 404, "not_found");
  assertError(await api.get("/api/users/nobody/following"), 404, "not_found");
});
