// One user in a list of followers or followings: the name and the bio.
import { h } from "../dom.js";
import { userHref } from "../links.js";

export function userRow(user) {
  return h(
    "div",
    { class: "user-row" },
    h("a", { class: "author", href: userHref(user.username) }, `@${user.username}`),
    user.bio ? h("p", { class: "bio" }, user.bio) : null,
  );
}
