// Requests that Node's HTTP parser cannot read (a method it does not know,
// headers over its size limit, bytes that are not HTTP) never reach Express:
// the server emits 'clientError' instead. Node's own answer is an empty 400;
// this one is the API's JSON error, with the headers every response carries.

import { STATUS_CODES } from "node:http";

/** Makes `server` (an http.Server) answer unreadable requests with JSON. */
export function answerClientErrors(server) {
  server.on("clientError", (error, socket) => {
    // The client is gone, or an answer is already on its way: just close.
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = error.code === "HPE_HEADER_OVERFLOW" ? 431 : 400;
    const body = JSON.stringify({
      error: { code: "bad_request", message: "the request is not HTTP this server can read" },
    });
    // The parser gave up on this connection: answer once, then close it.
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        "Content-Type: application/json; charset=utf-8\r\n" +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        "X-Content-Type-Options: nosniff\r\n" +
        "Connection: close\r\n\r\n" +
        body,
    );
  });
  return server;
}
