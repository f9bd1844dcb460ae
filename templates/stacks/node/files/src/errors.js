// Every error leaves the server as the same JSON shape:
//
//     {"error": {"code": "not_found", "message": "no such post"}}
//
// Handlers throw an ApiError (Express 5 passes what an async handler throws to
// the error handler below, no try/catch needed). The handler also turns the
// body parsers' errors and any crash into that shape, so a client never sees an
// HTML error page, a stack trace or a database message.

// The machine-readable codes of the API, by HTTP status.
const CODES = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  422: "validation_failed",
  500: "internal",
};

export class ApiError extends Error {
  constructor(status, message, fields) {
    super(message);
    this.status = status;
    this.fields = fields;
  }
}

export const badRequest = (message) => new ApiError(400, message);
export const unauthorized = (message = "log in first") => new ApiError(401, message);
export const forbidden = (message) => new ApiError(403, message);
export const notFound = (message) => new ApiError(404, message);
export const tooLarge = (message) => new ApiError(413, message);

/** 422, naming every invalid field: {"body": "must be 1-280 characters"}. */
export function validationFailed(fields) {
  const message = Object.entries(fields)
    .map(([name, problem]) => `${name} ${problem}`)
    .join("; ");
  return new ApiError(422, message, fields);
}

/** The last route of the app: nothing else matched the path. */
export function noSuchRoute(req, res, next) {
  next(notFound("no such route"));
}

/**
 * Ends a route's chain: `router.route(path).get(...).all(methodNotAllowed)`.
 * The path is known, the method is not; Allow lists the ones that are.
 */
export function methodNotAllowed(req, res, next) {
  const allowed = Object.keys(req.route.methods)
    .filter((method) => method !== "_all")
    .map((method) => method.toUpperCase())
    // Express answers HEAD wherever it answers GET.
    .flatMap((method) => (method === "GET" ? ["GET", "HEAD"] : [method]));
  res.set("Allow", allowed.join(", "));
  next(new ApiError(405, "this route does not accept that method"));
}

/** Express tells an error handler from a middleware by its four parameters. */
export function errorHandler(error, req, res, next) {
  if (res.headersSent) {
    // Too late for another answer (a file cut short, say): Express's own
    // handler closes the connection.
    return next(error);
  }
  if (!(error instanceof ApiError)) {
    error = fromLibrary(error);
  }
  if (error.status >= 500) {
    // The details go to the server's log, never to the client.
    console.error(`${req.method} ${req.originalUrl}:`, error.cause ?? error);
  }
  const body = { code: CODES[error.status], message: error.message };
  if (error.fields) {
    body.fields = error.fields;
  }
  res.status(error.status).json({ error: body });
}

/** The API's error for one thrown by a library (express.raw, Express's router) or by a bug. */
function fromLibrary(error) {
  // Express's router could not percent-decode a part of the path
  // (/api/posts/%FF): no resource has such a name.
  if (error instanceof URIError) {
    return notFound("no such route");
  }
  if (error.type === "entity.too.large") {
    return tooLarge("the request body is too large");
  }
  // A 4xx status means the client got something wrong: a body cut short, or
  // in an encoding (Content-Encoding) that cannot be read.
  if (error.status >= 400 && error.status < 500) {
    return badRequest("the request could not be read");
  }
  const crash = new ApiError(500, "something went wrong on our side");
  crash.cause = error;
  return crash;
}
