// Every router of the app. Paths match exactly (docs/API.md): Express would
// otherwise take /api/posts/ for /api/posts and /API/Posts for it too.

import { Router } from "express";

export const exactRouter = () => Router({ strict: true, caseSensitive: true });
