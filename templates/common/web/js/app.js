// The entry point (index.html loads it as a module): the table of screens,
// and the menu at the top, which depends on who is logged in.
import { api } from "./api.js";
import { h } from "./dom.js";
import { userHref } from "./links.js";
import { navigate, startRouter } from "./router.js";
import { clearSession, currentUsername, onSessionChange } from "./session.js";
import { exploreView } from "./views/explore.js";
import { homeView } from "./views/home.js";
import { loginView } from "./views/login.js";
import { notFoundView } from "./views/not-found.js";
import { postView } from "./views/post.js";
import { profileView } from "./views/profile.js";
import { signupView } from "./views/signup.js";

// [pattern, view]: the first pattern that matches the part after "#" wins;
// its groups, e.g. the username in "/u/alice", are the view's arguments.
const routes = [
  [/^\/$/, homeView],
  [/^\/explore$/, exploreView],
  [/^\/login$/, loginView],
  [/^\/signup$/, signupView],
  [/^\/u\/([^/]+)$/, (username) => profileView(username, "posts")],
  [/^\/u\/([^/]+)\/(followers|following)$/, profileView],
  [/^\/p\/([^/]+)$/, postView],
  [/./, notFoundView],
];

// Logging out revokes the token on the server; "everywhere" revokes every
// token of the user (other browsers, a phone, a token someone copied).
async function logOut(everywhere) {
  try {
    await api.delete(everywhere ? "/api/sessions?all=true" : "/api/sessions");
  } catch {
    // Already revoked or the server is away: forgetting the token still logs out here.
  }
  clearSession();
  navigate("#/", everywhere ? "You are logged out everywhere." : "You are logged out.");
}

function drawMenu() {
  const username = currentUsername();
  const links = [
    ["#/", "Home"],
    ["#/explore", "Explore"],
    ...(username
      ? [[userHref(username), `@${username}`]]
      : [
          ["#/login", "Log in"],
          ["#/signup", "Sign up"],
        ]),
  ];
  const here = location.hash || "#/";
  const items = links.map(([href, text]) =>
    h("li", {}, h("a", { href, "aria-current": href === here ? "page" : false }, text)),
  );
  if (username) {
    const button = (text, everywhere) =>
      h("button", { type: "button", class: "link", onclick: () => logOut(everywhere) }, text);
    items.push(h("li", {}, button("Log out", false)), h("li", {}, button("Log out everywhere", true)));
  }
  document.getElementById("nav").replaceChildren(...items);
}

onSessionChange(drawMenu);
document.addEventListener("routechange", drawMenu);
startRouter(routes);
