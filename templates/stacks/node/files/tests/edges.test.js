// docs/API.md, "Requests at the edges": one test for each rule where HTTP or
// JSON leave a choice, so that every stack gives the same odd request the
// same answer. The rules on uploads are in image-posts.test.js, the one on
// blank comments in comments.test.js (instagram's parts).

import assert from "node:assert/strict";
import { connect } from "node:net";
import { test } from "node:test";

import { PASSWORD, assertError, useApp } from "./helpers.js";

const api = useApp();

const signUpWith = (body, headers = {}) =>
  api.request("POST", "/api/users", { body, headers });

test("a JSON body is read as JSON whatever its Content-Type, a missing one included", async () => {
  const json = (username) => JSON.stringify({ username, password: PASSWORD });
  // A Buffer goes out with no Content-Type at all.
  assert.equal((await signUpWith(Buffer.from(json("alice")))).status, 201);
  const form = { "content-type": "application/x-www-form-urlencoded" };
  assert.equal((await signUpWith(json("bob"), form)).status, 201);
  const text = { "content-type": "text/plain; charset=latin1" };
  assert.equal((await signUpWith(json("carol"), text)).status, 201);
});

test("a byte-order mark or a lone surrogate makes the body 400, before any field", async () => {
  const json = { "content-type": "application/json" };
  const bodies = [
    `\uFEFF{"username": "alice", "password": "${PASSWORD}"}`,
    `{"username": "alice", "password": "\\ud800${PASSWORD}"}`,
    `{"username": "alice", "password": "${PASSWORD}", "\\udfff": 1}`,
    // The whole body is refused, even where a field is missing too.
    '{"bio": "\\udc00"}',
  ];
  for (const body of bodies) {
    assertError(await signUpWith(body, json), 400, "bad_request");
  }
  assertError(await api.get("/api/users/alice"), 404, "not_found");
  // Any key is allowed, a NUL in one too; unknown keys are ignored.
  const nul = `{"username": "alice", "password": "${PASSWORD}", "a\\u0000b": 1}`;
  assert.equal((await signUpWith(nul, json)).status, 201);
});

test("an endpoint that takes no body ignores one", async () => {
  const alice = await api.signUp("alice");
  await api.signUp("bob");
  const json = { "content-type": "application/json" };
  for (const body of ["", "not json", "[1]"]) {
    const response = await api.request("PUT", "/api/users/bob/follow", {
      token: alice,
      body,
      headers: json,
    });
    assert.equal(response.status, 204, `${JSON.stringify(body)}: ${JSON.stringify(response.body)}`);
  }
  const logOut = await api.request("DELETE", "/api/sessions", { token: alice, body: "{", headers: json });
  assert.equal(logOut.status, 204);
});

test("a known query parameter given twice, or empty, is 422; others are ignored", async () => {
  await api.signUp("alice");
  for (const query of ["limit=1&limit=abc", "limit=1&limit=2", "cursor=", "limit="]) {
    const field = query.startsWith("cursor") ? "cursor" : "limit";
    assertError(await api.get(`/api/posts?${query}`), 422, "validation_failed", [field]);
  }
  assert.equal((await api.get("/api/posts?page=2&limit=3")).status, 200);
});

test("paths match exactly; a trailing slash or bad percent-encoding is 404", async () => {
  await api.signUp("alice");
  const paths = [
    "/api/posts/",
    "/api/users/alice/",
    "/api/me/",
    "/healthz/",
    "/API/posts",
    "/api/posts/%FF",
    "/api/posts/%FF/like",
    "/api/users/%FF",
    "/api/users/%FF/followers",
    "/api/users/al%ice",
    "/api/users/al-ice",
  ];
  for (const path of paths) {
    assertError(await api.get(path), 404, "not_found");
  }
});

test("a method the path does not serve is 405, OPTIONS and non-GET on / included", async () => {
  for (const [method, url, allowed] of [
    ["OPTIONS", "/api/posts", "GET, HEAD, POST"],
    ["OPTIONS", "/healthz", "GET, HEAD"],
    ["OPTIONS", "/", "GET, HEAD"],
    ["POST", "/", "GET, HEAD"],
    ["DELETE", "/", "GET, HEAD"],
  ]) {
    const response = await api.request(method, url);
    assertError(response, 405, "method_not_allowed");
    assert.equal(response.headers.get("allow"), allowed);
  }
  assert.equal((await api.request("HEAD", "/")).status, 200);
});

test("a request the HTTP parser cannot read is a JSON 400 that says nosniff, and closes", async () => {
  // fetch() refuses to send an unknown method: write the bytes by hand.
  const { port } = new URL(api.baseUrl);
  for (const head of ["FOO /api/posts HTTP/1.1", "GET /api/posts HTTP/9.9", "\x00\x01\x02 nonsense"]) {
    const answer = await new Promise((resolve, reject) => {
      const socket = connect(Number(port), "127.0.0.1", () => {
        socket.write(`${head}\r\nHost: localhost\r\n\r\n`);
      });
      let text = "";
      socket.on("data", (chunk) => (text += chunk)).on("end", () => resolve(text));
      socket.on("error", reject);
    });
    const [headers, body] = answer.split("\r\n\r\n");
    assert.match(headers, /^HTTP\/1\.1 400 /, head);
    assert.match(headers, /\r\nX-Content-Type-Options: nosniff\r\n/i);
    assert.equal(JSON.parse(body).error.code, "bad_request");
  }
});
