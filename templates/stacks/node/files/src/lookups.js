// Finding what a URL names, or answering 404.

import { findPost } from "./db/posts.js";
import { findUserByName } from "./db/users.js";
import { notFound } from "./errors.js";
import { parseId } from "./validation.js";

export async function userOr404(db, username) {
  const user = await findUserByName(db, username);
  if (!user) {
    throw notFound("no such user");
  }
  return user;
}

/** A malformed id is a 404 too: no post can have it. */
export async function postOr404(db, id) {
  const postId = parseId(id);
  const post = postId && (await findPost(db, postId));
  if (!post) {
    throw notFound("no such post");
  }
  return post;
}
