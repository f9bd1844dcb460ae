// Who is logged in: the token and the user, kept in localStorage so that a
// reload (or a new tab) stays logged in. Any script on this origin can read
// localStorage, which is one more reason the page never runs user text as code.
import { storageKey } from "./config.js";

const changes = new EventTarget();

// { token, user: { id, username } }, or null when logged out.
export function currentSession() {
  try {
    return JSON.parse(localStorage.getItem(storageKey));
  } catch {
    return null; // unreadable: treat it as logged out
  }
}

export function currentUsername() {
  return currentSession()?.user.username ?? null;
}

export function isMe(username) {
  return currentUsername()?.toLowerCase() === username.toLowerCase();
}

export function saveSession(token, user) {
  localStorage.setItem(
    storageKey,
    JSON.stringify({ token, user: { id: user.id, username: user.username } }),
  );
  changes.dispatchEvent(new Event("change"));
}

export function clearSession() {
  localStorage.removeItem(storageKey);
  changes.dispatchEvent(new Event("change"));
}

// Calls listener after every log-in and log-out (the menu redraws itself).
export function onSessionChange(listener) {
  changes.addEventListener("change", listener);
}
