// One comment under a post (ideas with `features.comments`).
import { h } from "../dom.js";
import { userHref } from "../links.js";
import { timeAgo } from "../time.js";

export function commentView(comment) {
  return h(
    "article",
    { class: "comment" },
    h(
      "header",
      {},
      h(
        "a",
        { class: "author", href: userHref(comment.author.username) },
        `@${comment.author.username}`,
      ),
      timeAgo(comment.created_at),
    ),
    h("p", { class: "text" }, comment.body),
  );
}
