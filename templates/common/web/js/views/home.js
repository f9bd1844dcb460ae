// #/: the home feed (GET /api/feed) with a composer on top; a welcome when
// logged out.
import { api, apiPath } from "../api.js";
import { pagedList } from "../components/paged-list.js";
import { photoComposer } from "../components/photo-composer.js";
import { postCard } from "../components/post-card.js";
import { textComposer } from "../components/text-composer.js";
import { appName, features, limits, nouns, tagline } from "../config.js";
import { h } from "../dom.js";
import { currentSession } from "../session.js";

export function homeView() {
  if (!currentSession()) return welcome();

  const feed = pagedList({
    url: (cursor) => apiPath(["feed"], { cursor }),
    key: "posts",
    item: postCard,
    empty: h(
      "span",
      {},
      `Your feed is empty. Share a ${nouns.post}, or find people to follow in `,
      h("a", { href: "#/explore" }, "Explore"),
      ".",
    ),
    label: "Your feed",
  });
  const showNewPost = (post) => feed.add(post);
  const composer = features.images
    ? photoComposer({ onSent: showNewPost })
    : textComposer({
        label: "What's happening?",
        max: limits.bodyMax,
        submitLabel: "Post",
        send: async (body) => (await api.post("/api/posts", { json: { body } })).post,
        onSent: showNewPost,
      });

  return h(
    "div",
    {},
    h("h1", {}, "Home"),
    composer,
    h("h2", { class: "sr-only" }, "Your feed"),
    feed.element,
  );
}

function welcome() {
  return h(
    "div",
    { class: "welcome" },
    h("h1", {}, `Welcome to ${appName}`),
    h("p", { class: "lead" }, tagline),
    h(
      "p",
      { class: "actions" },
      h("a", { class: "button", href: "#/signup" }, "Sign up"),
      h("a", { class: "button secondary", href: "#/login" }, "Log in"),
      h("a", { href: "#/explore" }, `Look around first: every ${nouns.post} in Explore`),
    ),
  );
}
