// GET /uploads/:name: the stored images.

import { notFound } from "../errors.js";
import { STORED_NAME } from "../images.js";
import { exactRouter } from "../routing.js";

export function uploadRoutes({ uploadDir }) {
  const router = exactRouter();
  router.get("/uploads/:name", image);
  return router;

  function image(req, res, next) {
    const { name } = req.params;
    if (!STORED_NAME.test(name)) {
      throw notFound("no such image");
    }
    // The extension gives the Content-Type. A stored file never changes (a new
    // upload gets a new name), so browsers may keep it for a year.
    res.sendFile(name, { root: uploadDir, maxAge: "1y", immutable: true }, (error) => {
      if (error) {
        next(error.status === 404 ? notFound("no such image") : error);
      }
    });
  }
}
