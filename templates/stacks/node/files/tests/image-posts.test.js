import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import { test } from "node:test";

import { CAPTION_MAX, IMAGE_MAX_BYTES } from "../src/limits.js";
import { PNG, assertError, mixedText, useApp } from "./helpers.js";

const api = useApp();

// The first bytes of each accepted format; the rest does not matter here.
const IMAGES = {
  "image/png": PNG,
  "image/jpeg": Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]),
  "image/gif": Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1"),
  "image/webp": Buffer.concat([Buffer.from("RIFF\x1a\x00\x00\x00WEBPVP8L", "latin1"), Buffer.alloc(14)]),
};

const pngOfSize = (size) => Buffer.concat([PNG, Buffer.alloc(size - PNG.length)]);

test("a JPEG, PNG, GIF or WebP image is stored and served with its type", async () => {
  const token = await api.signUp("alice");
  for (const [type, image] of Object.entries(IMAGES)) {
    const response = await api.upload(token, { image, type, caption: "a picture" });
    assert.equal(response.status, 201, type);
    const { post } = response.body;
    assert.equal(post.caption, "a picture");
    assert.match(post.image_url, /^\/uploads\/[0-9a-f]{32}\.(jpg|png|gif|webp)$/);
    const served = await api.get(post.image_url);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get("content-type"), type);
    assert.deepEqual(Buffer.from(served.body), image);
  }
});

test("the type is judged by the bytes, not the name or the declared type", async () => {
  const token = await api.signUp("alice");
  const png = await api.upload(token, { filename: "notes.txt", type: "text/plain" });
  assert.equal(png.status, 201);
  assert.match(png.body.post.image_url, /\.png$/);

  for (const image of [Buffer.from("just text\n"), Buffer.from("<svg><script>alert(1)</script></svg>")]) {
    const response = await api.upload(token, { image, filename: "photo.png" });
    assertError(response, 415, "unsupported_media_type");
  }
  assert.deepEqual(await readdir(api.uploadDir), [png.body.post.image_url.split("/").pop()]);
});

test("the client's file name is never used", async () => {
  const token = await api.signUp("alice");
  const response = await api.upload(token, { filename: "../../escape.png" });
  assert.equal(response.status, 201);
  assert.ok(!response.body.post.image_url.includes("escape"));
});

test("an image of 5 MiB is accepted, one byte more is 413", async () => {
  const token = await api.signUp("alice");
  const largest = await api.upload(token, { image: pngOfSize(IMAGE_MAX_BYTES) });
  assert.equal(largest.status, 201);
  const tooLarge = await api.upload(token, { image: pngOfSize(IMAGE_MAX_BYTES + 1) });
  assertError(tooLarge, 413, "payload_too_large");
});

test("no image, or an empty one, is 422", async () => {
  const token = await api.signUp("alice");
  const noImage = await api.upload(token, { image: null, caption: "no picture" });
  assertError(noImage, 422, "validation_failed", ["image"]);
  const empty = await api.upload(token, { image: Buffer.alloc(0) });
  assertError(empty, 422, "validation_failed", ["image"]);
});

// A multipart/form-data body written by hand: each part is [headers, content].
const BOUNDARY = "edge-boundary";
const part = (name, content, filename) => [
  `Content-Disposition: form-data; name="${name}"` +
    (filename ? `; filename="${filename}"\r\nContent-Type: image/png` : ""),
  content,
];
function multipart(parts, { boundary = BOUNDARY } = {}) {
  const chunks = parts.flatMap(([headers, content]) => [
    Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`),
    Buffer.from(content),
    Buffer.from("\r\n"),
  ]);
  return Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]);
}
const sendForm = (token, body, type = `multipart/form-data; boundary=${BOUNDARY}`) =>
  api.request("POST", "/api/posts", { token, body, headers: { "content-type": type } });

test("a body that is not readable multipart/form-data is 400", async () => {
  const token = await api.signUp("alice");
  const whole = multipart([part("image", PNG, "a.png"), part("caption", "hi")]);
  const json = await api.post("/api/posts", { caption: "JSON is not a form" }, token);
  assertError(json, 400, "bad_request");
  assertError(await sendForm(token, whole, "multipart/form-data"), 400, "bad_request");
  assertError(await sendForm(token, whole, "multipart/form-data; boundary=other"), 400, "bad_request");
  assertError(await sendForm(token, whole.subarray(0, whole.length - 30)), 400, "bad_request");
  assert.equal((await sendForm(token, whole)).status, 201);
});

test("a form with the wrong parts is 422 on image or caption; other parts are ignored", async () => {
  const token = await api.signUp("alice");
  const image = part("image", PNG, "a.png");
  for (const [parts, field] of [
    [[part("image", "not a file")], "image"],
    [[image, image], "image"],
    [[image, part("caption", "a file", "caption.txt")], "caption"],
    [[image, part("caption", "one"), part("caption", "two")], "caption"],
    [[image, part("caption", Buffer.from([0x68, 0xff, 0x69]))], "caption"],
  ]) {
    assertError(await sendForm(token, multipart(parts)), 422, "validation_failed", [field]);
  }
  // Any number of other parts, files too.
  const others = Array.from({ length: 50 }, (_, i) => part(`extra${i}`, "x", i % 2 ? "x.bin" : undefined));
  const response = await sendForm(token, multipart([...others, image, part("caption", "hi")]));
  assert.equal(response.status, 201, JSON.stringify(response.body));
  assert.equal(response.body.post.caption, "hi");
});

test(`a caption is 0-${CAPTION_MAX} characters`, async () => {
  const token = await api.signUp("alice");
  const longest = mixedText(CAPTION_MAX);
  const response = await api.upload(token, { caption: longest });
  assert.equal(response.body.post.caption, longest);
  // The second is too long in bytes, too: multer stops reading it.
  for (const caption of [mixedText(CAPTION_MAX + 1), "🙂".repeat(CAPTION_MAX + 1)]) {
    const refused = await api.upload(token, { caption });
    assertError(refused, 422, "validation_failed", ["caption"]);
  }
  assert.equal((await api.upload(token)).body.post.caption, "");
});

test("a form that is cut short is 400", async () => {
  const token = await api.signUp("alice");
  const response = await api.request("POST", "/api/posts", {
    token,
    body: '--XYZ\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\n\r\n',
    headers: { "content-type": "multipart/form-data; boundary=XYZ" },
  });
  assertError(response, 400, "bad_request");
});

test("posting needs a token", async () => {
  assertError(await api.upload(null), 401, "unauthorized");
});

test("deleting a photo deletes its file", async () => {
  const token = await api.signUp("alice");
  const post = await api.createPost(token);
  await api.delete(`/api/posts/${post.id}`, token);
  assert.deepEqual(await readdir(api.uploadDir), []);
  assert.equal((await api.get(post.image_url)).status, 404);
});
