// Requests that Node's HTTP parser cannot read (a method it does not know,
// headers over its size limit, bytes that are not HTTP) or that did not
// arrive in time never reach Express: the server emits 'clientError' instead.
// Node's own answer is an empty 400 or 408; this one is the API's JSON error,
// with the headers every response carries.

import { STATUS_CODES } from "node:http";

/** Makes `server` (an http.Server) answer unreadable requests with JSON. */
export function answerClientErrors(server) {
  server.on("clientError", (error, socket) => {
    // The client is gone, or an answer is already on its way (a handler that
    // answered before the body arrived): just close, as Node itself would.
    if (error.code === "ECONNRESET" || !socket.writable || socket._httpMessage?.headersSent) {
      socket.destroy();
      return;
    }
    const [status, code, message] = answerTo(error);
    const body = JSON.stringify({ error: { code, message } });
    // The parser gave up on this connection: answer once, then close it.
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        "Content-Type: application/json; charset=utf-8\r\n" +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        "X-Content-Type-Options: nosniff\r\n" +
        "Referrer-Policy: no-referrer\r\n" +
        "Connection: close\r\n\r\n" +
        body,
    );
  });
  return server;
}

/** [status, code, message] for the parser's error. */
function answerTo(error) {
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") {
    // requestTimeout or headersTimeout (src/http-server.js) ran out.
    return [408, "request_timeout", "the request did not arrive in time"];
  }
  const status = error.code === "HPE_HEADER_OVERFLOW" ? 431 : 400;
  return [status, "bad_request", "the request is not HTTP this server can read"];
}
