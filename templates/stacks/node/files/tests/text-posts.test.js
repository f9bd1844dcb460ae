import assert from "node:assert/strict";
import { test } from "node:test";

import { BODY_MAX } from "../src/limits.js";
import { assertError, mixedText, useApp } from "./helpers.js";

const api = useApp();

test(`a post is 1-${BODY_MAX} characters, counted as code points`, async () => {
  const token = await api.signUp("alice");
  const body = mixedText(BODY_MAX);
  const response = await api.post("/api/posts", { body }, token);
  assert.equal(response.status, 201);
  assert.equal(response.body.post.body, body);

  for (const bad of ["", mixedText(BODY_MAX + 1), 42, null, ["hi"]]) {
    const refused = await api.post("/api/posts", { body: bad }, token);
    assertError(refused, 422, "validation_failed", ["body"]);
  }
  assertError(await api.post("/api/posts", {}, token), 422, "validation_failed", ["body"]);
});

test("a post of only white space, Unicode's included, is 422", async () => {
  const token = await api.signUp("alice");
  for (const body of [" ", "\n\t ", "\u3000\u00a0\u3000", "\u2028\u0085"]) {
    const response = await api.post("/api/posts", { body }, token);
    assertError(response, 422, "validation_failed", ["body"]);
  }
});

test("posting needs a token and a JSON object", async () => {
  assertError(await api.post("/api/posts", { body: "hi" }), 401, "unauthorized");
  const token = await api.signUp("alice");
  const form = await api.request("POST", "/api/posts", {
    token,
    body: "body=hi",
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  assertError(form, 400, "bad_request");
});
