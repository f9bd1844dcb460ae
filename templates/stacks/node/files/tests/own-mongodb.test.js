// Which MongoDB the server and the seed use (src/db/own-mongodb.js). The case
// that starts the project's own runs a real mongod, as `npm run dev` would,
// in a folder of its own, twice, to show the data lasts.

import assert from "node:assert/strict";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";

import { MongoClient } from "mongodb";

import { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_URI, findMongodb, listening } from "../src/db/own-mongodb.js";

test("MONGODB_URI wins, and there is nothing to stop", async () => {
  const found = await findMongodb({ MONGODB_URI: "mongodb://db.example:27017/app" });
  assert.equal(found.uri, "mongodb://db.example:27017/app");
  await found.stop();
});

test("in production the project never starts its own", async () => {
  const found = await findMongodb({ NODE_ENV: "production" });
  assert.equal(found.uri, DEFAULT_URI);
});

test("without MONGODB_URI the project's own MongoDB keeps its data in data/db", async (t) => {
  if (process.env.MONGODB_URI || (await listening(DEFAULT_HOST, DEFAULT_PORT))) {
    t.skip("a MongoDB server is there: the project would use it");
    return;
  }
  const home = process.cwd();
  const folder = await mkdtemp(path.join(tmpdir(), "own-mongodb-"));
  process.chdir(folder);
  try {
    const env = { MONGOMS_SYSTEM_BINARY: process.env.MONGOMS_SYSTEM_BINARY };
    const first = await findMongodb(env);
    assert.notEqual(first.uri, DEFAULT_URI);
    await withDb(first.uri, (db) => db.collection("posts").insertOne({ body: "still here" }));
    await first.stop();
    assert.ok((await stat(path.join(folder, "data/db"))).isDirectory());

    const second = await findMongodb(env);
    const post = await withDb(second.uri, (db) => db.collection("posts").findOne({}));
    await second.stop();
    assert.equal(post?.body, "still here");
  } finally {
    process.chdir(home);
    await rm(folder, { recursive: true, force: true });
  }
});

async function withDb(uri, use) {
  const client = new MongoClient(uri);
  try {
    return await use(client.db("own_mongodb_test"));
  } finally {
    await client.close();
  }
}
