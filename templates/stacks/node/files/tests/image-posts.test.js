import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import { test } from "node:test";
import { crc32 } from "node:zlib";

import sharp from "sharp";

import { CAPTION_MAX, IMAGE_MAX_BYTES } from "../src/limits.js";
import { PNG, assertError, mixedText, useApp } from "./helpers.js";

const api = useApp({ config: { maxImagePixels: 1_000_000 } });

/** A small orange picture in `format` (jpeg, png, gif, webp), made with sharp. */
const picture = (format, { width = 4, height = 2 } = {}) =>
  sharp({ create: { width, height, channels: 3, background: "#f80" } }).toFormat(format).toBuffer();

const pngOfSize = (size) => Buffer.concat([PNG, Buffer.alloc(size - PNG.length)]);

/** PNG with its header's width and height changed: only the header is ever read. */
function pngSaying(width, height) {
  const png = Buffer.from(PNG);
  // IHDR: the signature (8), the length (4), "IHDR" (4), then width, height.
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

test("a JPEG, PNG, GIF or WebP image is stored and served with its type", async () => {
  const token = await api.signUp("alice");
  for (const format of ["jpeg", "png", "gif", "webp"]) {
    const type = `image/${format}`;
    const response = await api.upload(token, { image: await picture(format), type, caption: "a picture" });
    assert.equal(response.status, 201, type);
    const { post } = response.body;
    assert.equal(post.caption, "a picture");
    assert.match(post.image_url, /^\/uploads\/[0-9a-f]{32}\.(jpg|png|gif|webp)$/);
    const served = await api.get(post.image_url);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get("content-type"), type);
    const { format: stored, width, height } = await sharp(Buffer.from(served.body)).metadata();
    assert.deepEqual([stored, width, height], [format, 4, 2]);
  }
});

test("what is stored has none of the upload's metadata", async () => {
  const token = await api.signUp("alice");
  // A phone's photo: where it was taken, in the EXIF's GPS block, and more.
  const photo = await sharp(await picture("jpeg"))
    .withExif({
      IFD0: { Copyright: "Alice Example", ImageDescription: "at home" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1", GPSLongitudeRef: "W", GPSLongitude: "0/1 7/1 0/1" },
    })
    .jpeg()
    .toBuffer();
  assert.ok((await sharp(photo).metadata()).exif, "the test photo has EXIF");
  const response = await api.upload(token, { image: photo, type: "image/jpeg" });
  assert.equal(response.status, 201);
  const stored = Buffer.from((await api.get(response.body.post.image_url)).body);
  const metadata = await sharp(stored).metadata();
  assert.equal(metadata.exif, undefined);
  assert.equal(metadata.xmp, undefined);
  for (const text of ["Exif", "Alice Example", "at home"]) {
    assert.ok(!stored.includes(text), text);
  }
});

test("a photo taken sideways is stored the way up its EXIF said", async () => {
  const token = await api.signUp("alice");
  // 4 x 2 pixels, with orientation 6: "turn it a quarter clockwise to show it".
  const sideways = await sharp(await picture("jpeg")).withMetadata({ orientation: 6 }).toBuffer();
  const response = await api.upload(token, { image: sideways, type: "image/jpeg" });
  const stored = Buffer.from((await api.get(response.body.post.image_url)).body);
  const { width, height, orientation } = await sharp(stored).metadata();
  assert.deepEqual([width, height, orientation], [2, 4, undefined]);
});

test("bytes that start like an image but are not one are 415", async () => {
  const token = await api.signUp("alice");
  const jpeg = await picture("jpeg");
  for (const image of [
    // A polyglot: a GIF's signature, then a web page.
    Buffer.from("GIF89a<html><script>alert(1)</script></html>"),
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]),
    // A JPEG cut short.
    jpeg.subarray(0, jpeg.length - 40),
  ]) {
    assertError(await api.upload(token, { image }), 415, "unsupported_media_type");
  }
  assert.deepEqual(await readdir(api.uploadDir), []);
});

test("an image of more pixels than MAX_IMAGE_PIXELS is 422, judged from its header", async () => {
  const token = await api.signUp("alice");
  // 8000 x 8000 would be 192 MB of pixels; the file is a few bytes, and its
  // pixels are never decoded (there are none to decode).
  const bomb = pngSaying(8000, 8000);
  const error = assertError(await api.upload(token, { image: bomb }), 422, "validation_failed", ["image"]);
  assert.equal(error.fields.image, "must be at most 1000000 pixels");
  // At the limit is fine: 1000 x 1000.
  const largest = await sharp({ create: { width: 1000, height: 1000, channels: 3, background: "#f80" } })
    .png()
    .toBuffer();
  assert.equal((await api.upload(token, { image: largest })).status, 201);
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
