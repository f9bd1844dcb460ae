// Image files: recognised by their bytes, stored, deleted.
//
// The client's file name and declared Content-Type are never trusted: the type
// comes from the file's first bytes (its "magic number"), the name is random,
// and the extension is the one that matches the bytes.

import { randomBytes } from "node:crypto";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";

// The names saveImage() gives: only such names are ever read or deleted.
export const STORED_NAME = /^[0-9a-f]{32}\.(?:jpg|png|gif|webp)$/;

/** The file extension for JPEG, PNG, GIF or WebP data, or null for anything else. */
export function sniff(data) {
  const startsWith = (magic, offset = 0) =>
    data.subarray(offset, offset + magic.length).equals(Buffer.from(magic));
  if (startsWith([0xff, 0xd8, 0xff])) {
    return "jpg";
  }
  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return "png";
  }
  if (startsWith("GIF87a") || startsWith("GIF89a")) {
    return "gif";
  }
  if (startsWith("RIFF") && startsWith("WEBP", 8)) {
    return "webp";
  }
  return null;
}

/** Writes the image under a new random name (128 bits: unguessable) and returns that name. */
export async function saveImage(dir, data, extension) {
  const name = `${randomBytes(16).toString("hex")}.${extension}`;
  await mkdir(dir, { recursive: true });
  // "wx" refuses to overwrite a file, should two names ever collide.
  await writeFile(path.join(dir, name), data, { flag: "wx" });
  return name;
}

export async function deleteImage(dir, name) {
  if (STORED_NAME.test(name)) {
    await rm(path.join(dir, name), { force: true });
  }
}

/** Deletes every stored image, and nothing else that may be in the folder. */
export async function deleteAllImages(dir) {
  await mkdir(dir, { recursive: true });
  for (const name of await readdir(dir)) {
    await deleteImage(dir, name);
  }
}
