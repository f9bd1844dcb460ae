// The users collection: one document per account, with its counts kept on it
// (changed by db/follows.js and db/posts.js) so that showing a profile needs
// no counting.

import { USERNAME } from "../validation.js";

// Usernames compare ignoring case. A query must name the same collation as the
// unique index (db/indexes.js), or MongoDB cannot use that index and compares
// case after all.
export const CASE_INSENSITIVE = { locale: "en", strength: 2 };

export async function insertUser(db, { username, passwordHash, bio = "" }) {
  const user = {
    username,
    bio,
    password_hash: passwordHash,
    created_at: new Date(),
    followers_count: 0,
    following_count: 0,
    posts_count: 0,
  };
  // insertOne sets user._id.
  await db.collection("users").insertOne(user);
  return user;
}

/** The user with this name, ignoring case, or null. */
export function findUserByName(db, username) {
  // A name that could not have been registered matches nobody: no query needed.
  if (!USERNAME.test(username)) {
    return null;
  }
  return db.collection("users").findOne({ username }, { collation: CASE_INSENSITIVE });
}

/** The users with these ids, in the same order (the ones that no longer exist left out). */
export async function findUsersInOrder(db, ids) {
  const users = await db.collection("users").find({ _id: { $in: ids } }).toArray();
  const byId = new Map(users.map((user) => [user._id.toHexString(), user]));
  return ids.map((id) => byId.get(id.toHexString())).filter(Boolean);
}

/** The usernames of the users with these ids, by id (as a hex string). */
export async function findUsernames(db, ids) {
  const users = await db
    .collection("users")
    .find({ _id: { $in: ids } })
    .project({ username: 1 })
    .toArray();
  return new Map(users.map((user) => [user._id.toHexString(), user.username]));
}

/** Changes a user's bio; returns the updated user. */
export function setBio(db, userId, bio) {
  return db
    .collection("users")
    .findOneAndUpdate({ _id: userId }, { $set: { bio } }, { returnDocument: "after" });
}

export async function setPasswordHash(db, userId, passwordHash) {
  await db.collection("users").updateOne({ _id: userId }, { $set: { password_hash: passwordHash } });
}
