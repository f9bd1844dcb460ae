// The HTTP server in front of the Express app, with limits on how long a
// client may take to send its request.
//
// Node serves every connection from one thread, without waiting on any of
// them, so a client that sends half a request and stops does not hold up the
// others. It does hold a connection, though, and a few thousand such clients
// would hold them all: a request must arrive whole, headers and body, within
// a time limit, or it is answered 408 and its connection closed.

import http from "node:http";

import { answerClientErrors } from "./client-errors.js";

/** An http.Server for `app` (not listening yet), with the timeouts set. */
export function createServer(app, { requestTimeoutSeconds = 30 } = {}) {
  const requestTimeout = requestTimeoutSeconds * 1000;
  const server = http.createServer(
    {
      // The whole request, headers and body (Node's default is 5 minutes).
      requestTimeout,
      // The headers alone (Node's default is 1 minute): they are small, but
      // they cannot be given longer than the whole request.
      headersTimeout: Math.min(requestTimeout, 20_000),
      // How often Node looks for requests over those limits (30 s by
      // default, which could let one take twice its time).
      connectionsCheckingInterval: Math.min(requestTimeout / 2, 1000),
    },
    app,
  );
  // How long a connection may wait idle for its next request. Behind a proxy
  // that keeps connections open, this must be longer than the proxy's own.
  server.keepAliveTimeout = 5_000;
  return answerClientErrors(server);
}
