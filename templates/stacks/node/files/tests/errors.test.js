import assert from "node:assert/strict";
import { request } from "node:http";
import { test } from "node:test";

import express from "express";

import { errorHandler } from "../src/errors.js";
import { PASSWORD, assertError, listen, useApp } from "./helpers.js";

const api = useApp();
const MiB = 1024 * 1024;

const sendJson = (url, body, { method = "POST", token, headers = {} } = {}) =>
  api.request(method, url, { token, body, headers: { "content-type": "application/json", ...headers } });

test("an unknown /api path is a JSON 404, whatever the method", async () => {
  for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
    for (const url of ["/api/nope", "/api/users/alice/nope", "/api", "/api/"]) {
      assertError(await api.request(method, url), 404, "not_found");
    }
  }
});

test("a known path with the wrong method is a JSON 405 that says which would do", async () => {
  for (const [method, url, allowed] of [
    ["GET", "/api/sessions", "POST, DELETE"],
    ["PUT", "/api/users", "POST"],
    ["PATCH", "/api/posts", "GET, HEAD, POST"],
    ["POST", "/api/me", "GET, HEAD, PATCH"],
    ["POST", "/healthz", "GET, HEAD"],
    ["DELETE", "/api/users/alice/followers", "GET, HEAD"],
  ]) {
    const response = await api.request(method, url);
    assertError(response, 405, "method_not_allowed");
    assert.equal(response.headers.get("allow"), allowed);
  }
});

test("a body that is not a JSON object is 400", async () => {
  const bodies = [
    "",
    "{",
    "not json",
    "[1, 2]",
    '"a string"',
    "null",
    "42",
    Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]), // {"a":"\xff"}: not UTF-8
    "[".repeat(100_000) + "]".repeat(100_000),
    '{"a": '.repeat(100_000) + "1" + "}".repeat(100_000),
  ];
  for (const body of bodies) {
    assertError(await sendJson("/api/users", body), 400, "bad_request");
  }
});

test("a body that is not JSON is 400, whatever its type says", async () => {
  const form = await api.request("POST", "/api/sessions", {
    body: "username=alice&password=x",
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  assertError(form, 400, "bad_request");
  assertError(await api.request("POST", "/api/users"), 400, "bad_request");
});

test("a JSON body of 1 MiB is read", async () => {
  let body = `{"username": "alice", "password": "${PASSWORD}", "padding": "`;
  body += "x".repeat(MiB - body.length - 2) + '"}';
  assert.equal(body.length, MiB);
  assert.equal((await sendJson("/api/users", body)).status, 201);
});

test("a JSON body over 1 MiB is a JSON 413, on any route that takes JSON", async () => {
  const token = await api.signUp("alice");
  const body = `{"body": "${"x".repeat(MiB)}"}`;
  for (const [method, url] of [
    ["POST", "/api/users"],
    ["POST", "/api/sessions"],
    ["PATCH", "/api/me"],
  ]) {
    assertError(await sendJson(url, body, { method, token }), 413, "payload_too_large");
  }
});

test("a chunked JSON body over 1 MiB is 413 too", async () => {
  // A stream has no Content-Length to judge it by before reading it.
  const stream = (text) =>
    new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        controller.close();
      },
    });
  const big = `{"username": "${"x".repeat(MiB)}", "password": "${PASSWORD}"}`;
  const response = await fetch(`${api.baseUrl}/api/users`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: stream(big),
    duplex: "half",
  });
  assertError({ status: response.status, body: await response.json() }, 413, "payload_too_large");
});

test("a crash is a JSON 500 that tells nothing about the code", async () => {
  const app = express();
  app.get("/api/crash", () => {
    throw new Error("SELECT password_hash FROM users, in /srv/app/src/secret.js:12");
  });
  app.use(errorHandler);
  const server = await listen(app);
  const original = console.error;
  console.error = () => {}; // the server logs the details; not in the test's output
  try {
    const response = await fetch(`http://127.0.0.1:${server.address().port}/api/crash`);
    const text = await response.text();
    assertError({ status: response.status, body: JSON.parse(text) }, 500, "internal");
    assert.ok(!text.includes("SELECT") && !text.includes("/srv") && !text.includes("at "));
  } finally {
    console.error = original;
    server.close();
  }
});

test("an invalid token is 401 even where no token is needed", async () => {
  await api.signUp("alice");
  const body = { username: "bob", password: PASSWORD };
  const headers = ["Bearer not-a-real-token", "Bearer ", "Basic YWxpY2U6cHc=", "nonsense"];
  for (const [method, url] of [
    ["GET", "/healthz"],
    ["GET", "/"],
    ["GET", "/api/posts"],
    ["GET", "/api/users/alice"],
    ["GET", "/api/users/alice/followers"],
    ["POST", "/api/users"],
    ["POST", "/api/sessions"],
  ]) {
    for (const authorization of headers) {
      const response = await api.request(method, url, {
        body: method === "POST" ? JSON.stringify(body) : undefined,
        headers: { authorization, "content-type": "application/json" },
      });
      assertError(response, 401, "unauthorized");
    }
  }
  // And nothing happened: bob was not signed up.
  assertError(await api.get("/api/users/bob"), 404, "not_found");
});

test("the bearer scheme is case-insensitive", async () => {
  const token = await api.signUp("alice");
  const response = await api.request("GET", "/api/me", {
    headers: { authorization: `bearer ${token}` },
  });
  assert.equal(response.status, 200);
});

test("every response says nosniff", async () => {
  const token = await api.signUp("alice");
  const responses = [
    await api.get("/healthz"),
    await api.get("/api/posts"),
    await api.get("/api/nope"),
    await api.request("POST", "/api/me"),
    await api.get("/api/me", token),
    await api.delete("/api/sessions", token),
    await api.get("/no-such-file.js"),
  ];
  for (const response of responses) {
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
  }
});

test("a path that climbs out of the front end's folder is 404", async () => {
  // fetch() would resolve the dots itself; node:http sends the path as it is.
  for (const path of ["/../package.json", "/%2e%2e/package.json", "/..%2fserver.js"]) {
    const status = await new Promise((resolve, reject) => {
      request(`${api.baseUrl}${path}`, (response) => {
        response.resume();
        resolve(response.statusCode);
      })
        .on("error", reject)
        .end();
    });
    assert.equal(status, 404, path);
  }
});
