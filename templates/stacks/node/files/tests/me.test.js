import assert from "node:assert/strict";
import { test } from "node:test";

import { BIO_MAX } from "../src/limits.js";
import { assertError, mixedText, useApp } from "./helpers.js";

const api = useApp();

test("/api/me is the caller's profile", async () => {
  const token = await api.signUp("alice");
  const response = await api.get("/api/me", token);
  assert.equal(response.status, 200);
  assert.equal(response.body.user.username, "alice");
  assert.equal(response.body.user.following, false);
  assertError(await api.get("/api/me"), 401, "unauthorized");
});

test(`PATCH /api/me changes the bio, up to ${BIO_MAX} characters`, async () => {
  const token = await api.signUp("alice");
  const bio = mixedText(BIO_MAX);
  const response = await api.patch("/api/me", { bio }, token);
  assert.equal(response.status, 200);
  assert.equal(response.body.user.bio, bio);
  assert.equal((await api.get("/api/users/alice")).body.user.bio, bio);
  assert.equal((await api.patch("/api/me", { bio: "" }, token)).body.user.bio, "");
});

test("a bio that is too long or not a string is 422", async () => {
  const token = await api.signUp("alice");
  for (const bio of [mixedText(BIO_MAX + 1), 5, null, ["a"]]) {
    assertError(await api.patch("/api/me", { bio }, token), 422, "validation_failed", ["bio"]);
  }
});

test("fields that are not sent, or unknown, change nothing", async () => {
  const token = await api.signUp("alice");
  await api.patch("/api/me", { bio: "kept" }, token);
  const response = await api.patch("/api/me", { username: "mallory", admin: true }, token);
  assert.equal(response.status, 200);
  assert.equal(response.body.user.bio, "kept");
  assert.equal(response.body.user.username, "alice");
});

test("PATCH /api/me needs a token and a JSON object", async () => {
  assertError(await api.patch("/api/me", { bio: "x" }), 401, "unauthorized");
  const token = await api.signUp("alice");
  assertError(await api.patch("/api/me", "bio", token), 400, "bad_request");
});
