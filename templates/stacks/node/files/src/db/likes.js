// Likes, and the like_count they change on their post. As with follows, the
// count moves only when a like was really inserted or deleted.

import { insertOnce } from "./unique.js";

export async function like(db, userId, postId) {
  const fields = { post_id: postId, user_id: userId };
  if (!(await insertOnce(db.collection("likes"), fields))) {
    return;
  }
  const { matchedCount } = await db
    .collection("posts")
    .updateOne({ _id: postId }, { $inc: { like_count: 1 } });
  if (matchedCount === 0) {
    // The post was deleted in the meantime, with its likes: this one goes too.
    await db.collection("likes").deleteOne(fields);
  }
}

export async function unlike(db, userId, postId) {
  const { deletedCount } = await db
    .collection("likes")
    .deleteOne({ post_id: postId, user_id: userId });
  if (deletedCount === 1) {
    await db.collection("posts").updateOne({ _id: postId }, { $inc: { like_count: -1 } });
  }
}

/** The ids (as hex strings) of those among `postIds` that the user likes. */
export async function likedAmong(db, userId, postIds) {
  const likes = await db
    .collection("likes")
    .find({ post_id: { $in: postIds }, user_id: userId })
    .project({ post_id: 1 })
    .toArray();
  return new Set(likes.map((like) => like.post_id.toHexString()));
}
