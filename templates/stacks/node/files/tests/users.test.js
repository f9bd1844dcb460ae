import assert from "node:assert/strict";
import { test } from "node:test";

import { PASSWORD, assertError, useApp } from "./helpers.js";

const api = useApp();

test("signing up returns the user, without `following`, and a token", async () => {
  const response = await api.post("/api/users", { username: "alice", password: PASSWORD });
  assert.equal(response.status, 201);
  const { user, token } = response.body;
  const { id, created_at, ...rest } = user;
  assert.match(id, /^[0-9a-f]{24}$/);
  assert.match(created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  assert.deepEqual(rest, {
    username: "alice",
    bio: "",
    followers_count: 0,
    following_count: 0,
    posts_count: 0,
  });
  assert.ok(token.length >= 22);
  const me = await api.get("/api/me", token);
  assert.equal(me.body.user.username, "alice");
});

test("a username is 3-30 letters, digits or underscores", async () => {
  for (const username of ["ab", "a".repeat(31), "has space", "dash-ed", "ünï", "", 42, null]) {
    const response = await api.post("/api/users", { username, password: PASSWORD });
    assertError(response, 422, "validation_failed", ["username"]);
  }
  for (const username of ["abc", "A_1", "x".repeat(30)]) {
    assert.equal((await api.post("/api/users", { username, password: PASSWORD })).status, 201);
  }
});

test("a password is 8-128 characters, every one of them counted", async () => {
  for (const password of ["short", "x".repeat(129), 12345678, null]) {
    const response = await api.post("/api/users", { username: "alice", password });
    assertError(response, 422, "validation_failed", ["password"]);
  }
  // 128 emoji are 128 characters (256 UTF-16 units, 512 bytes).
  const long = "🙂".repeat(128);
  assert.equal((await api.post("/api/users", { username: "alice", password: long })).status, 201);
  const wrong = "🙂".repeat(127) + "🙃";
  const login = await api.post("/api/sessions", { username: "alice", password: wrong });
  assertError(login, 401, "unauthorized");
});

test("every invalid field is named at once", async () => {
  const response = await api.post("/api/users", {});
  assertError(response, 422, "validation_failed", ["username", "password"]);
});

test("usernames are unique ignoring case", async () => {
  await api.signUp("alice");
  for (const username of ["alice", "ALICE", "Alice"]) {
    const response = await api.post("/api/users", { username, password: PASSWORD });
    assertError(response, 409, "conflict");
  }
});

test("two sign-ups racing for one name make one account", async () => {
  const attempts = await Promise.all(
    ["bob", "BOB", "Bob", "bOb"].map((username) =>
      api.post("/api/users", { username, password: PASSWORD }),
    ),
  );
  const statuses = attempts.map((response) => response.status).sort();
  assert.deepEqual(statuses, [201, 409, 409, 409]);
});

test("query operators in a body are values, not filters", async () => {
  await api.signUp("alice");
  const response = await api.post("/api/sessions", {
    username: { $ne: null },
    password: { $ne: null },
  });
  assertError(response, 422, "validation_failed", ["username", "password"]);
});

test("a profile is found ignoring case, and says whether the caller follows", async () => {
  const alice = await api.signUp("Alice");
  const bob = await api.signUp("bob");
  const anonymous = await api.get("/api/users/aLiCe");
  assert.equal(anonymous.status, 200);
  assert.equal(anonymous.body.user.username, "Alice");
  assert.equal(anonymous.body.user.following, undefined);

  assert.equal((await api.get("/api/users/alice", bob)).body.user.following, false);
  await api.put("/api/users/alice/follow", bob);
  assert.equal((await api.get("/api/users/alice", bob)).body.user.following, true);
  assert.equal((await api.get("/api/users/alice", alice)).body.user.following, false);
});

test("an unknown or impossible username is 404", async () => {
  for (const name of ["nobody", "no%20body", "x".repeat(40)]) {
    assertError(await api.get(`/api/users/${name}`), 404, "not_found");
  }
});
