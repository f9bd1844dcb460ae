// Who is calling: the bearer token of the Authorization header.

import { findUserByToken } from "./db/sessions.js";
import { unauthorized } from "./errors.js";

const BEARER = /^Bearer +(\S+) *$/i;

/**
 * Middleware for every request: sets req.user (null when no token is sent)
 * and req.token. A token that is sent but not valid is a 401 everywhere, even
 * where none is needed: silently treating the caller as a guest would hide a
 * logged-out client's bug.
 */
export function authenticate(db, { tokenLifetimeDays }) {
  return async (req, res, next) => {
    req.user = null;
    const header = req.get("Authorization");
    if (header === undefined) {
      return next();
    }
    const token = BEARER.exec(header)?.[1];
    if (token === undefined) {
      throw unauthorized("the Authorization header must be: Bearer <token>");
    }
    req.user = await findUserByToken(db, token, { lifetimeDays: tokenLifetimeDays });
    if (req.user === null) {
      throw unauthorized("this token is not valid (revoked by logging out, expired, or mistyped)");
    }
    req.token = token;
    next();
  };
}

/** Middleware for the routes that need a logged-in user. */
export function requireUser(req, res, next) {
  if (!req.user) {
    throw unauthorized();
  }
  next();
}
