// Following people, and the lists of who follows whom (newest follow first).

import { requireUser } from "../auth.js";
import { follow, unfollow } from "../db/follows.js";
import { findUsersInOrder } from "../db/users.js";
import { methodNotAllowed, validationFailed } from "../errors.js";
import { userOr404 } from "../lookups.js";
import { findPage, pageParams } from "../pagination.js";
import { exactRouter } from "../routing.js";
import { usersJson } from "../serializers.js";

export function followRoutes({ db }) {
  const router = exactRouter();
  router
    .route("/api/users/:username/follow")
    .put(requireUser, followUser)
    .delete(requireUser, unfollowUser)
    .all(methodNotAllowed);
  router
    .route("/api/users/:username/followers")
    .get(listFollows("followee_id", "follower_id"))
    .all(methodNotAllowed);
  router
    .route("/api/users/:username/following")
    .get(listFollows("follower_id", "followee_id"))
    .all(methodNotAllowed);
  return router;

  async function followUser(req, res) {
    const target = await userOr404(db, req.params.username);
    if (target._id.equals(req.user._id)) {
      throw validationFailed({ username: "you cannot follow yourself" });
    }
    // PUT is idempotent: following twice is the same as following once.
    await follow(db, req.user._id, target._id);
    res.status(204).end();
  }

  async function unfollowUser(req, res) {
    const target = await userOr404(db, req.params.username);
    await unfollow(db, req.user._id, target._id);
    res.status(204).end();
  }

  /**
   * A page of the follows whose `by` field is the user of the URL, shown as
   * the users at their other end (`show`), newest follow first.
   */
  function listFollows(by, show) {
    return async (req, res) => {
      const target = await userOr404(db, req.params.username);
      const { items, nextCursor } = await findPage(
        db.collection("follows"),
        { [by]: target._id },
        pageParams(req.query),
      );
      const users = await findUsersInOrder(db, items.map((item) => item[show]));
      res.json({ users: await usersJson(db, users, req.user), next_cursor: nextCursor });
    };
  }
}
