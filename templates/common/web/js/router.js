// Hash routes: "#/u/alice" shows alice's profile. The part after "#" never
// reaches the server, so it only ever serves index.html and needs no
// catch-all route; the browser's back button works for free.
import { appName } from "./config.js";
import { clearMessage, showNotice } from "./message.js";

let routes = [];
let pendingNotice = null;

// routes: [[/^\/u\/([^/]+)$/, (username) => element], ...], tried in order;
// the last one should match anything (the "not found" screen).
export function startRouter(routeTable) {
  routes = routeTable;
  window.addEventListener("hashchange", () => render({ focus: true }));
  render({ focus: false });
}

// Goes to a hash, and draws the screen again even if it is already there.
// notice: a line to show at the top of the new screen ("You are logged out.").
export function navigate(hash, notice = null) {
  pendingNotice = notice;
  if (location.hash === hash) render({ focus: true });
  else location.hash = hash;
}

function render({ focus }) {
  const isRoute = location.hash.startsWith("#/");
  // "#main" (the skip link) is an anchor in the page, not a screen: stay put.
  if (focus && location.hash && !isRoute) return;
  const path = isRoute ? location.hash.slice(1) : "/";
  const [pattern, view] = routes.find(([candidate]) => candidate.test(path));
  const params = pattern.exec(path).slice(1).map(decode);

  clearMessage();
  if (pendingNotice) showNotice(pendingNotice);
  pendingNotice = null;
  const main = document.getElementById("main");
  main.replaceChildren(view(...params));
  const heading = main.querySelector("h1");
  document.title = heading ? `${heading.textContent} · ${appName}` : appName;
  window.scrollTo(0, 0);
  // Keyboard and screen reader users start reading the new screen at its
  // heading instead of wherever the old focus was.
  if (focus && heading) {
    heading.tabIndex = -1;
    heading.focus();
  }
  document.dispatchEvent(new Event("routechange"));
}

// "%40" -> "@"; a broken escape like "%E0" stays as it is instead of throwing.
function decode(part) {
  if (part === undefined) return undefined;
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
