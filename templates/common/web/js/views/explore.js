// #/explore: everyone's posts, newest first (GET /api/posts).
import { apiPath } from "../api.js";
import { pagedList } from "../components/paged-list.js";
import { postCard } from "../components/post-card.js";
import { nouns } from "../config.js";
import { h } from "../dom.js";

export function exploreView() {
  const posts = pagedList({
    url: (cursor) => apiPath(["posts"], { cursor }),
    key: "posts",
    item: postCard,
    empty: `Nobody has posted yet. Be the first!`,
    label: `All ${nouns.posts}`,
  });
  return h(
    "div",
    {},
    h("h1", {}, "Explore"),
    h("p", { class: "lead" }, `Every ${nouns.post} from everyone, newest first.`),
    posts.element,
  );
}
