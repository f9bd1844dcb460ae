// Reading JSON request bodies (docs/API.md, "Requests at the edges"). Only
// the routes that take JSON read their body, with readJson; every other route
// ignores whatever body comes with the request.

import { isUtf8 } from "node:buffer";

import express from "express";

import { badRequest } from "./errors.js";
import { JSON_MAX_BYTES } from "./limits.js";

// No request of this API nests objects at all. JSON.parse copes with any depth,
// but code that walks a value recursively (JSON.stringify, the BSON encoder of
// the MongoDB driver) overflows the stack a few thousand levels down.
const MAX_DEPTH = 32;

const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \
const OPENING = new Set([0x5b, 0x7b]); // [ {
const CLOSING = new Set([0x5d, 0x7d]); // ] }
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

// The raw bytes, up to JSON_MAX_BYTES (a larger body is 413 before it is
// read), whatever the Content-Type says: curl -d sends form-urlencoded, some
// clients send none. express.json would skip those, turn an empty body into
// {}, bytes that are not UTF-8 into U+FFFD, and drop a byte-order mark.
const readBytes = express.raw({ type: () => true, limit: JSON_MAX_BYTES });

/** Route middleware: req.body becomes the request's JSON object, or 400. */
export const readJson = [
  readBytes,
  (req, res, next) => {
    req.body = parseObject(req.body);
    next();
  },
];

function parseObject(bytes) {
  if (!bytes?.length) {
    throw badRequest("the body is empty; send a JSON object");
  }
  if (bytes.subarray(0, 3).equals(BOM)) {
    throw badRequest("the body starts with a byte-order mark; JSON has none");
  }
  if (!isUtf8(bytes)) {
    throw badRequest("the body is not valid UTF-8");
  }
  if (nestsDeeperThan(bytes, MAX_DEPTH)) {
    throw badRequest(`the body nests deeper than ${MAX_DEPTH} levels`);
  }
  let value;
  try {
    value = JSON.parse(bytes.toString("utf8"), refuseLoneSurrogates);
  } catch {
    throw badRequest("the body is not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw badRequest("the body must be a JSON object");
  }
  return value;
}

// JSON.parse accepts "\ud800", half of a UTF-16 pair, which is no character:
// stored, it would come back as U+FFFD. The reviver sees every key and value.
function refuseLoneSurrogates(key, value) {
  if (!key.isWellFormed() || (typeof value === "string" && !value.isWellFormed())) {
    throw new SyntaxError("a lone surrogate");
  }
  return value;
}

/** Whether arrays and objects in this JSON text nest deeper than `limit`. */
function nestsDeeperThan(bytes, limit) {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) {
        i++; // the escaped character, which may be a quote
      } else if (byte === QUOTE) {
        inString = false;
      }
    } else if (byte === QUOTE) {
      inString = true;
    } else if (OPENING.has(byte)) {
      if (++depth > limit) {
        return true;
      }
    } else if (CLOSING.has(byte)) {
      depth--;
    }
  }
  return false;
}
