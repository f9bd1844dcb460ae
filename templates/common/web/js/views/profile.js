// #/u/<username>, #/u/<username>/followers, #/u/<username>/following: a
// profile with its counts, the follow button (or your bio form), and a tab with
// the user's posts (a grid of photos for ideas with images) or people.
import { api, apiPath } from "../api.js";
import { bioForm } from "../components/bio-form.js";
import { followButton } from "../components/follow-button.js";
import { loginPrompt } from "../components/login-prompt.js";
import { pagedList } from "../components/paged-list.js";
import { postCard } from "../components/post-card.js";
import { userRow } from "../components/user-row.js";
import { features, nouns } from "../config.js";
import { capitalize, h, plural } from "../dom.js";
import { postHref, userHref } from "../links.js";
import { showError } from "../message.js";
import { currentSession, isMe } from "../session.js";

export function profileView(username, tab = "posts") {
  const info = h("div", { class: "profile-info" }, h("p", { class: "status" }, "Loading…"));
  const actions = h("div", { class: "profile-actions" });
  const view = h(
    "div",
    {},
    h("h1", {}, `@${username}`),
    info,
    actions,
    tabs(username, tab),
    tabContent(username, tab),
  );

  api
    .get(apiPath(["users", username]))
    .then(({ user }) => {
      const draw = (current) => info.replaceChildren(...profileInfo(current));
      draw(user);
      if (isMe(user.username)) actions.append(bioForm(user, draw));
      else if (currentSession()) actions.append(followButton(user, draw));
      else actions.append(loginPrompt(`to follow @${user.username}`));
    })
    .catch((error) => {
      info.replaceChildren(
        h(
          "p",
          { class: "status" },
          error.status === 404 ? "There is no such user." : "This profile could not be loaded.",
        ),
      );
      showError(error);
    });

  return view;
}

function profileInfo(user) {
  return [
    h("p", { class: user.bio ? "bio" : "bio empty" }, user.bio || "No bio yet."),
    h(
      "ul",
      { class: "stats" },
      h("li", {}, plural(user.posts_count, nouns.post, nouns.posts)),
      h("li", {}, plural(user.followers_count, "follower")),
      h("li", {}, `${user.following_count} following`),
    ),
  ];
}

function tabs(username, active) {
  const base = userHref(username);
  const tab = (name, href, text) =>
    h("li", {}, h("a", { href, "aria-current": name === active ? "page" : false }, text));
  return h(
    "nav",
    { class: "tabs", "aria-label": "Profile" },
    h(
      "ul",
      {},
      tab("posts", base, capitalize(nouns.posts)),
      tab("followers", `${base}/followers`, "Followers"),
      tab("following", `${base}/following`, "Following"),
    ),
  );
}

function tabContent(username, tab) {
  if (tab === "posts") {
    return pagedList({
      url: (cursor) => apiPath(["users", username, "posts"], { cursor }),
      key: "posts",
      item: features.images ? photoTile : postCard,
      grid: features.images,
      empty: `No ${nouns.posts} yet.`,
      label: `${nouns.posts} by @${username}`,
    }).element;
  }
  return pagedList({
    url: (cursor) => apiPath(["users", username, tab], { cursor }),
    key: "users",
    item: userRow,
    empty: tab === "followers" ? "No followers yet." : "Not following anyone yet.",
    label: tab === "followers" ? `Followers of @${username}` : `Followed by @${username}`,
  }).element;
}

// A square thumbnail that opens the photo's page.
function photoTile(post) {
  const alt = post.caption || `${nouns.post} by @${post.author.username}`;
  return h(
    "a",
    { class: "tile", href: postHref(post) },
    h("img", { src: post.image_url, alt, loading: "lazy" }),
  );
}
