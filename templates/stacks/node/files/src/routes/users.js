// Accounts: sign up, profiles, and the caller's own profile (/api/me).

import { requireUser } from "../auth.js";
import { readJson } from "../body.js";
import { createSession } from "../db/sessions.js";
import { isDuplicateKey } from "../db/unique.js";
import { findUserByName, insertUser, setBio } from "../db/users.js";
import { ApiError, methodNotAllowed } from "../errors.js";
import { BIO_MAX, PASSWORD_MAX, PASSWORD_MIN, USERNAME_MAX, USERNAME_MIN } from "../limits.js";
import { userOr404 } from "../lookups.js";
import { exactRouter } from "../routing.js";
import { userJson } from "../serializers.js";
import { Checks, USERNAME } from "../validation.js";

const taken = () => new ApiError(409, "this username is already taken");

export function userRoutes({ db, passwords }) {
  const router = exactRouter();
  router.route("/api/users").post(readJson, signUp).all(methodNotAllowed);
  router.route("/api/users/:username").get(profile).all(methodNotAllowed);
  router
    .route("/api/me")
    .get(requireUser, me)
    .patch(requireUser, readJson, updateMe)
    .all(methodNotAllowed);
  return router;

  async function signUp(req, res) {
    const { username, password } = req.body;
    const checks = new Checks();
    if (typeof username !== "string" || !USERNAME.test(username)) {
      checks.fail(
        "username",
        `must be ${USERNAME_MIN}-${USERNAME_MAX} letters, digits or underscores`,
      );
    }
    checks.text(password, "password", PASSWORD_MIN, PASSWORD_MAX);
    checks.done();

    // Asked first, so that a taken name costs no password hashing.
    if (await findUserByName(db, username)) {
      throw taken();
    }
    let user;
    try {
      user = await insertUser(db, { username, passwordHash: await passwords.hash(password) });
    } catch (error) {
      // Someone took the name between our question and our insert.
      throw isDuplicateKey(error) ? taken() : error;
    }
    const token = await createSession(db, user._id);
    res.status(201).json({ user: await userJson(db, user), token });
  }

  async function profile(req, res) {
    const user = await userOr404(db, req.params.username);
    res.json({ user: await userJson(db, user, req.user) });
  }

  async function me(req, res) {
    res.json({ user: await userJson(db, req.user, req.user) });
  }

  async function updateMe(req, res) {
    const body = req.body;
    let user = req.user;
    // Only the fields that are sent change; there is one so far.
    if (Object.hasOwn(body, "bio")) {
      const checks = new Checks();
      const bio = checks.text(body.bio, "bio", 0, BIO_MAX);
      checks.done();
      user = await setBio(db, user._id, bio);
    }
    res.json({ user: await userJson(db, user, req.user) });
  }
}
