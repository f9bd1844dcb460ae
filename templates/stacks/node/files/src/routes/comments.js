// Comments under a post: listed oldest first, like a conversation.

import { Router } from "express";

import { requireUser } from "../auth.js";
import { jsonObject } from "../body.js";
import { insertComment } from "../db/comments.js";
import { methodNotAllowed } from "../errors.js";
import { COMMENT_MAX } from "../limits.js";
import { postOr404 } from "../lookups.js";
import { OLDEST_FIRST, findPage, pageParams } from "../pagination.js";
import { commentsJson } from "../serializers.js";
import { Checks } from "../validation.js";

export function commentRoutes({ db }) {
  const router = Router();
  router
    .route("/api/posts/:id/comments")
    .get(listComments)
    .post(requireUser, addComment)
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
    const body = checks.text(jsonObject(req).body, "body", 1, COMMENT_MAX);
    checks.done();
    const comment = await insertComment(db, { post_id: post._id, author_id: req.user._id, body });
    const [json] = await commentsJson(db, [comment]);
    res.status(201).json({ comment: json });
  }
}
