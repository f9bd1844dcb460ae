// GET /api/posts/:id/replies: a thread reads top to bottom, so oldest first.

import { methodNotAllowed } from "../errors.js";
import { postOr404 } from "../lookups.js";
import { OLDEST_FIRST, findPage, pageParams } from "../pagination.js";
import { exactRouter } from "../routing.js";
import { postsJson } from "../serializers.js";

export function replyRoutes({ db }) {
  const router = exactRouter();
  router.route("/api/posts/:id/replies").get(replies).all(methodNotAllowed);
  return router;

  async function replies(req, res) {
    const post = await postOr404(db, req.params.id);
    const { items, nextCursor } = await findPage(
      db.collection("posts"),
      { reply_to: post._id },
      pageParams(req.query),
      OLDEST_FIRST,
    );
    res.json({ posts: await postsJson(db, items, req.user), next_cursor: nextCursor });
  }
}
