// Every call to the server goes through request(): it adds the bearer token,
// sends JSON (or a form with a file), and turns the API's error objects into
// one type, ApiError, that the screens know how to show.
import { navigate } from "./router.js";
import { clearSession, currentSession } from "./session.js";

export class ApiError extends Error {
  // fields: { fieldName: "what is wrong" }, only for validation_failed (422).
  constructor(status, code, message, fields = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

export async function request(method, path, { json, form } = {}) {
  const session = currentSession();
  const headers = {};
  if (session) headers.Authorization = `Bearer ${session.token}`;
  let body;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  } else if (form) {
    // A FormData body: the browser writes the multipart Content-Type and its boundary.
    body = form;
  }

  let response;
  try {
    response = await fetch(path, { method, headers, body });
  } catch {
    throw new ApiError(0, "network", "Cannot reach the server. Is it running?");
  }
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (response.ok) return data;

  // A token the server no longer knows (logged out elsewhere, database reset):
  // forget it and ask to log in again.
  if (response.status === 401 && session) {
    clearSession();
    navigate("#/login", "Your session has ended. Please log in again.");
  }
  const error = data?.error ?? {};
  throw new ApiError(
    response.status,
    error.code ?? "unknown",
    error.message ?? `The server answered ${response.status}.`,
    error.fields ?? {},
  );
}

export const api = {
  get: (path) => request("GET", path),
  post: (path, options) => request("POST", path, options),
  put: (path) => request("PUT", path),
  patch: (path, options) => request("PATCH", path, options),
  delete: (path) => request("DELETE", path),
};

// Builds "/api/users/al%20ice/posts?cursor=..." from parts: every part a user
// could influence is encoded, so it cannot change the path or the query.
export function apiPath(parts, query = {}) {
  const path = `/api/${parts.map(encodeURIComponent).join("/")}`;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== null && value !== undefined) params.set(name, value);
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
