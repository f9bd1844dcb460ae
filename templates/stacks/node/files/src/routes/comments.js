// Comments under a post: listed oldest first, like a conversation.

import { requireUser } from "../auth.js";
import { readJson } from "../body.js";
import { insertComment } from "../db/comments.js";
import { methodNotAllowed } from "../errors.js";
import { COMMENT_MAX } from "../limits.js";
import { postOr404 } from "../lookups.js";
import { OLDEST_FIRST, findPage, pageParams } from "../pagination.js";
import { exactRouter } from "../routing.js";
import { commentsJson } from "../serializers.js";
import { Checks } from "../validation.js";

export function commentRoutes({ db }) {
  const router = exactRouter();
  router
    .route("/api/posts/:id/comments")
    .get(listComments)
    .post(requireUser, readJson, addComment)
    .all(methodNotAllowed);
  return router;

  async function listComments(req, res) {
    const post = await postOr404(db, req.params.id);
    const { items, nextCursor } = await findPage(
      db.collection("comments"),
      { post_id: post._id },
      pageParams(req.query),
      OLDEST_FIRST,
    );
    res.json({ comments: await commentsJson(db, items), next_cursor: nextCursor });
  }

  async function addComment(req, res) {
    const post = await postOr404(db, req.params.id);
    const checks = new Checks();
    const body = checks.text(req.body.body, "body", 1, COMMENT_MAX, { blankOk: false });
    checks.done();
    const comment = await insertComment(db, { post_id: post._id, author_id: req.user._id, body });
    const [json] = await commentsJson(db, [comment]);
    res.status(201).json({ comment: json });
  }
}
