import assert from "node:assert/strict";
import { test } from "node:test";

import { MongoClient } from "mongodb";

import { createApp } from "../src/app.js";
import { FAST_HASHING, listen, useApp } from "./helpers.js";

const api = useApp();

test("health is ok when the database answers", async () => {
  const response = await api.get("/healthz");
  assert.equal(response.status, 200);
  assert.deepEqual(response.body, { status: "ok" });
});

test("health is 503 when the database is down", async () => {
  // Nothing listens on port 1: every query fails, after a short wait.
  const client = new MongoClient("mongodb://127.0.0.1:1", { serverSelectionTimeoutMS: 200 });
  const server = await listen(
    createApp({ db: client.db("nowhere"), passwords: FAST_HASHING, uploadDir: api.uploadDir }),
  );
  try {
    const response = await fetch(`http://127.0.0.1:${server.address().port}/healthz`);
    assert.equal(response.status, 503);
    assert.deepEqual(await response.json(), { status: "unavailable" });
  } finally {
    server.close();
    await client.close();
  }
});
