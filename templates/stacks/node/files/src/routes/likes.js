// Liking a post. PUT and DELETE are idempotent: a client says what it wants,
// whatever the state was.

import { requireUser } from "../auth.js";
import { like, unlike } from "../db/likes.js";
import { methodNotAllowed } from "../errors.js";
import { postOr404 } from "../lookups.js";
import { exactRouter } from "../routing.js";

export function likeRoutes({ db }) {
  const router = exactRouter();
  router
    .route("/api/posts/:id/like")
    .put(requireUser, likePost)
    .delete(requireUser, unlikePost)
    .all(methodNotAllowed);
  return router;

  async function likePost(req, res) {
    const post = await postOr404(db, req.params.id);
    await like(db, req.user._id, post._id);
    res.status(204).end();
  }

  async function unlikePost(req, res) {
    const post = await postOr404(db, req.params.id);
    await unlike(db, req.user._id, post._id);
    res.status(204).end();
  }
}
