// GET /api/feed: the caller's posts and those of everyone they follow, newest first.

import { requireUser } from "../auth.js";
import { followeeIds } from "../db/follows.js";
import { methodNotAllowed } from "../errors.js";
import { findPage, pageParams } from "../pagination.js";
import { exactRouter } from "../routing.js";
import { postsJson } from "../serializers.js";

export function feedRoutes({ db }) {
  const router = exactRouter();
  router.route("/api/feed").get(requireUser, feed).all(methodNotAllowed);
  return router;

  async function feed(req, res) {
    const page = pageParams(req.query);
    // Built when read ("fan-out on read"): simple, and the (author_id,
    // created_at, _id) index keeps it fast while the people followed number
    // in the hundreds.
    const authors = [req.user._id, ...(await followeeIds(db, req.user._id))];
    const { items, nextCursor } = await findPage(
      db.collection("posts"),
      { author_id: { $in: authors } },
      page,
    );
    res.json({ posts: await postsJson(db, items, req.user), next_cursor: nextCursor });
  }
}
