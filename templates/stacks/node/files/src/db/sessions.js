// Login sessions. A token is 32 random bytes from the operating system's
// secure generator, handed to the client once; the database keeps only its
// SHA-256, so a stolen copy of the database holds no working token. A fast
// hash is enough because a token is random (a password is not).

import { createHash, randomBytes } from "node:crypto";

const digest = (token) => createHash("sha256").update(token).digest("hex");

/** Opens a session for the user and returns its token. */
export async function createSession(db, userId) {
  const token = randomBytes(32).toString("base64url");
  await db
    .collection("sessions")
    .insertOne({ token_hash: digest(token), user_id: userId, created_at: new Date() });
  return token;
}

/** The user a token belongs to, or null. */
export async function findUserByToken(db, token) {
  const session = await db.collection("sessions").findOne({ token_hash: digest(token) });
  return session && db.collection("users").findOne({ _id: session.user_id });
}

/** Logging out: the token stops working. */
export async function deleteSession(db, token) {
  await db.collection("sessions").deleteOne({ token_hash: digest(token) });
}
