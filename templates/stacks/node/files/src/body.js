// Reading JSON request bodies. express.json() does the work; the checks below
// refuse what it would let through but the API does not accept.

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

/**
 * Parses bodies sent as application/json, up to JSON_MAX_BYTES (a larger one
 * is 413, before it is read). Any other Content-Type is left unread, and
 * req.body stays undefined.
 */
export const parseJson = express.json({
  limit: JSON_MAX_BYTES,
  // Sees the raw bytes before they are parsed.
  verify(req, res, bytes) {
    // express.json would make {} of an empty body, and U+FFFD of bytes that
    // are not UTF-8.
    if (bytes.length === 0) {
      throw badRequest("the body is empty; send a JSON object");
    }
    if (!isUtf8(bytes)) {
      throw badRequest("the body is not valid UTF-8");
    }
    if (nestsDeeperThan(bytes, MAX_DEPTH)) {
      throw badRequest(`the body nests deeper than ${MAX_DEPTH} levels`);
    }
  },
});

/** The request's JSON object, or 400: no JSON body, or JSON that is not an object. */
export function jsonObject(req) {
  const body = req.body;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badRequest("the body must be a JSON object, sent as application/json");
  }
  return body;
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
