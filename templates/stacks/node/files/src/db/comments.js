// Comments, and the comment_count they change on their post.

/** Inserts a comment with the given fields (post_id, author_id, body) and returns it. */
export async function insertComment(db, fields) {
  const comment = { ...fields, created_at: new Date() };
  await db.collection("comments").insertOne(comment);
  await db
    .collection("posts")
    .updateOne({ _id: comment.post_id }, { $inc: { comment_count: 1 } });
  return comment;
}
