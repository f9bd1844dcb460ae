import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";

import { useApp } from "./helpers.js";

const api = useApp();
const PUBLIC_DIR = path.join(import.meta.dirname, "..", "public");

// What each kind of front-end file must be served as: browsers refuse to run
// a module script sent with another type.
const MEDIA_TYPES = {
  ".html": "text/html",
  ".css": "text/css",
  ".js": "text/javascript",
  ".svg": "image/svg+xml",
};

async function frontEndFiles() {
  const entries = await readdir(PUBLIC_DIR, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(PUBLIC_DIR, path.join(entry.parentPath, entry.name)));
}

test("the front end is served at the root, with a strict Content-Security-Policy", async () => {
  const response = await api.get("/");
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type"), /^text\/html/);
  const directives = Object.fromEntries(
    response.headers
      .get("content-security-policy")
      .split(";")
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name, ...sources]) => [name, sources]),
  );
  assert.deepEqual(directives["script-src"], ["'self'"]);
});

test("every front-end file is served with its type", async () => {
  const files = await frontEndFiles();
  assert.ok(files.length > 0);
  for (const file of files) {
    const url = "/" + file.split(path.sep).join("/");
    const response = await api.get(url);
    assert.equal(response.status, 200, url);
    const type = response.headers.get("content-type").split(";")[0];
    assert.equal(type, MEDIA_TYPES[path.extname(file)], url);
  }
});

test("the front end needs nothing that the Content-Security-Policy forbids", async () => {
  // An inline <script>, a style="" or an onclick="" would be blocked.
  for (const file of await frontEndFiles()) {
    if (file.endsWith(".html")) {
      const html = await readFile(path.join(PUBLIC_DIR, file), "utf8");
      assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)/, file);
      assert.doesNotMatch(html, /\s(?:style|on\w+)=/, file);
    }
  }
});

test("the front end never parses text as HTML or code", async () => {
  // User text goes into the page as text (textContent, append), so it cannot run.
  const parsers = ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("];
  for (const file of await frontEndFiles()) {
    if (file.endsWith(".js")) {
      const script = await readFile(path.join(PUBLIC_DIR, file), "utf8");
      assert.deepEqual(
        parsers.filter((parser) => script.includes(parser)),
        [],
        file,
      );
    }
  }
});

test("a file that is not there is 404", async () => {
  assert.equal((await api.get("/no-such-file.css")).status, 404);
});
