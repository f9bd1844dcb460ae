// GET /healthz: is the server up, and can it reach its database?

import { methodNotAllowed } from "../errors.js";
import { exactRouter } from "../routing.js";

export function healthRoutes({ db }) {
  const router = exactRouter();
  router.route("/healthz").get(health).all(methodNotAllowed);
  return router;

  async function health(req, res) {
    try {
      await db.command({ ping: 1 });
    } catch (error) {
      console.error("health check: the database does not answer:", error.message);
      return res.status(503).json({ status: "unavailable" });
    }
    res.json({ status: "ok" });
  }
}
