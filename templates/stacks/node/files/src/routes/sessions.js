// Logging in (a new token each time) and out (revoking the token used).

import { requireUser } from "../auth.js";
import { readJson } from "../body.js";
import { createSession, deleteSession } from "../db/sessions.js";
import { findUserByName, setPasswordHash } from "../db/users.js";
import { methodNotAllowed, unauthorized } from "../errors.js";
import { exactRouter } from "../routing.js";
import { userJson } from "../serializers.js";
import { Checks } from "../validation.js";

export function sessionRoutes({ db, passwords }) {
  const router = exactRouter();
  router
    .route("/api/sessions")
    .post(readJson, logIn)
    .delete(requireUser, logOut)
    .all(methodNotAllowed);
  return router;

  async function logIn(req, res) {
    const { username, password } = req.body;
    const checks = new Checks();
    for (const [name, value] of Object.entries({ username, password })) {
      if (typeof value !== "string") {
        checks.fail(name, "must be a string");
      }
    }
    checks.done();

    const user = await findUserByName(db, username);
    // One answer for "no such user" and "wrong password": telling them apart
    // would let anyone find out who has an account.
    if (!(await passwords.verify(user?.password_hash ?? null, password))) {
      throw unauthorized("wrong username or password");
    }
    if (passwords.needsRehash(user.password_hash)) {
      await setPasswordHash(db, user._id, await passwords.hash(password));
    }
    const token = await createSession(db, user._id);
    res.json({ user: await userJson(db, user), token });
  }

  async function logOut(req, res) {
    await deleteSession(db, req.token);
    res.status(204).end();
  }
}
