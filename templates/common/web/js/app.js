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

async function logOut() {
  try {
    await api.delete("/api/sessions");
  } catch {
    // Already revoked or the server is away: forgetting the token still logs out here.
  }
  clearSession();
  navigate("#/", "You are logged out.");
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
    const logOutButton = h("button", { type: "button", class: "link", onclick: logOut }, "Log out");
    items.push(h("li", {}, logOutButton));
  }
  document.getElementById("nav").replaceChildren(...items);
}

onSessionChange(drawMenu);
document.addEventListener("routechange", drawMenu);
startRouter(routes);
