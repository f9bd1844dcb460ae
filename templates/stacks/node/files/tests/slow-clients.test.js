// Clients that send half a request and stop: they must not hold up anyone
// else, and they are answered 408 once their time is up.

import assert from "node:assert/strict";
import net from "node:net";
import { after, before, test } from "node:test";

import express from "express";

import { listen } from "./helpers.js";

let server;
let port;

before(async () => {
  const app = express();
  app.get("/healthz", (req, res) => res.json({ status: "ok" }));
  // Reads the whole body before it answers, as the JSON routes do.
  app.post("/echo", express.raw({ type: () => true }), (req, res) => res.json({ bytes: req.body.length }));
  // A time limit of one second, so that the test does not wait 30.
  server = await listen(app, { requestTimeoutSeconds: 1 });
  port = server.address().port;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

/** Opens a connection and sends the headers of a 100-byte body, and 10 of its bytes. */
function halfARequest() {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789");
      resolve(socket);
    });
    socket.on("error", reject);
  });
}

/** Everything the server sends on `socket` until it closes the connection. */
function untilClosed(socket) {
  return new Promise((resolve) => {
    let received = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => (received += chunk));
    socket.on("close", () => resolve(received));
  });
}

test("a client that stops half-way does not hold up the others", async () => {
  const slow = await halfARequest();
  try {
    const started = Date.now();
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(response.status, 200);
    assert.ok(Date.now() - started < 2000);
  } finally {
    slow.destroy();
  }
});

test("a request that has not arrived in time is a JSON 408, and its connection closed", async () => {
  const slow = await halfARequest();
  const started = Date.now();
  const answer = await untilClosed(slow);
  // One second of limit, checked every half second.
  assert.ok(Date.now() - started < 5000, `closed after ${Date.now() - started} ms`);
  assert.match(answer, /^HTTP\/1\.1 408 /);
  assert.match(answer, /"code":"request_timeout"/);
  assert.match(answer, /Referrer-Policy: no-referrer/);
});
