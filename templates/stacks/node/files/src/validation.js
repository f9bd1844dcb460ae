// Checking the values a client sends. Every value is checked for its type
// before it goes anywhere near a query: `{"username": {"$ne": null}}` is a
// JSON object, and used as a filter it would match every user.

import { ObjectId } from "mongodb";

import { validationFailed } from "./errors.js";
import { USERNAME_MAX, USERNAME_MIN } from "./limits.js";

export const USERNAME = new RegExp(`^[A-Za-z0-9_]{${USERNAME_MIN},${USERNAME_MAX}}$`);

// Unicode's white space, U+3000 and U+00A0 included, not only " \t\n".
const BLANK = /^\p{White_Space}*$/u;

// What ObjectId.toHexString() gives: 24 lower-case hex digits.
const OBJECT_ID = /^[0-9a-f]{24}$/;

/**
 * Collects field errors, so that a client learns about all of its mistakes
 * at once; done() throws one 422 naming them all.
 */
export class Checks {
  fields = {};

  fail(name, problem) {
    this.fields[name] ??= problem;
  }

  /** A string of min to max code points (or "" after recording a failure). */
  text(value, name, min, max, { blankOk = true } = {}) {
    // [...value] splits a string into code points: an emoji counts once.
    const length = typeof value === "string" ? [...value].length : -1;
    if (length < min || length > max) {
      this.fail(name, `must be a string of ${min}-${max} characters`);
      return "";
    }
    if (!blankOk && BLANK.test(value)) {
      this.fail(name, "must not be only white space");
    }
    return value;
  }

  done() {
    if (Object.keys(this.fields).length > 0) {
      throw validationFailed(this.fields);
    }
  }
}

/** The ObjectId that a string from a URL or a body spells, or null if it is not one. */
export function parseId(value) {
  return typeof value === "string" && OBJECT_ID.test(value)
    ? ObjectId.createFromHexString(value)
    : null;
}
