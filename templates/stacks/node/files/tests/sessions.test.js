import assert from "node:assert/strict";
import { test } from "node:test";

import { Passwords } from "../src/passwords.js";
import { FAST_HASHING, PASSWORD, assertError, useApp } from "./helpers.js";

const api = useApp();

test("logging in gives a new token every time, and the user", async () => {
  const first = await api.signUp("alice");
  const login = await api.post("/api/sessions", { username: "ALICE", password: PASSWORD });
  assert.equal(login.status, 200);
  assert.equal(login.body.user.username, "alice");
  assert.equal(login.body.user.following, undefined);
  assert.notEqual(login.body.token, first);
  // Both sessions work side by side.
  assert.equal((await api.get("/api/me", first)).status, 200);
  assert.equal((await api.get("/api/me", login.body.token)).status, 200);
});

test("a wrong password and an unknown user get the same 401", async () => {
  await api.signUp("alice");
  const wrong = await api.post("/api/sessions", { username: "alice", password: "not it!" });
  const unknown = await api.post("/api/sessions", { username: "nobody", password: PASSWORD });
  const impossible = await api.post("/api/sessions", { username: "no one!", password: "" });
  const messages = [wrong, unknown, impossible].map(
    (response) => assertError(response, 401, "unauthorized").message,
  );
  assert.equal(new Set(messages).size, 1);
});

test("a username or password that is not a string is 422", async () => {
  const response = await api.post("/api/sessions", { username: 1, password: ["x"] });
  assertError(response, 422, "validation_failed", ["username", "password"]);
});

test("logging out revokes the token sent, and only that one", async () => {
  const first = await api.signUp("alice");
  const second = (await api.post("/api/sessions", { username: "alice", password: PASSWORD }))
    .body.token;
  const logout = await api.delete("/api/sessions", first);
  assert.equal(logout.status, 204);
  assertError(await api.get("/api/me", first), 401, "unauthorized");
  assertError(await api.delete("/api/sessions", first), 401, "unauthorized");
  assert.equal((await api.get("/api/me", second)).status, 200);
});

test("logging out needs a token", async () => {
  assertError(await api.delete("/api/sessions"), 401, "unauthorized");
});

test("only a hash of the password and of the token is stored", async () => {
  const token = await api.signUp("alice");
  const user = await api.db.collection("users").findOne({ username: "alice" });
  assert.match(user.password_hash, /^scrypt\$/);
  assert.ok(!user.password_hash.includes(PASSWORD));
  const session = await api.db.collection("sessions").findOne({ user_id: user._id });
  assert.notEqual(session.token_hash, token);
});

test("a hash made with another cost is remade at the next login", async () => {
  const token = await api.signUp("alice");
  const older = new Passwords({ N: 2 ** 11, r: 8, p: 1 });
  const users = api.db.collection("users");
  const { _id } = await users.findOne({ username: "alice" });
  await users.updateOne({ _id }, { $set: { password_hash: await older.hash(PASSWORD) } });

  const login = await api.post("/api/sessions", { username: "alice", password: PASSWORD });
  assert.equal(login.status, 200);
  const { password_hash } = await users.findOne({ _id });
  assert.equal(FAST_HASHING.needsRehash(password_hash), false);
  assert.equal((await api.get("/api/me", token)).status, 200);
});
