// One post as a card: author, time, the text or the photo, and its buttons.
// Every idea uses this card; `features` decides what is inside.
import { api, apiPath } from "../api.js";
import { features, nouns } from "../config.js";
import { h, plural } from "../dom.js";
import { postHref, userHref } from "../links.js";
import { showError } from "../message.js";
import { isMe } from "../session.js";
import { timeAgo } from "../time.js";
import { likeButton } from "./like-button.js";

// onDeleted: what to do once the author deleted it (default: remove the card).
export function postCard(post, { onDeleted } = {}) {
  const card = h(
    "article",
    { class: "post" },
    h(
      "header",
      {},
      h("a", { class: "author", href: userHref(post.author.username) }, `@${post.author.username}`),
      h("a", { class: "when", href: postHref(post) }, timeAgo(post.created_at)),
    ),
    ...content(post),
  );
  const remove = () => (card.closest("li") ?? card).remove();
  card.append(
    h(
      "footer",
      {},
      likeButton(post),
      discussionLink(post),
      isMe(post.author.username) ? deleteButton(post, onDeleted ?? remove) : null,
    ),
  );
  return card;
}

function content(post) {
  if (features.images) {
    // The photo comes from /uploads on this same server (the CSP allows no other).
    const alt = post.caption || `${nouns.post} by @${post.author.username}`;
    return [
      h(
        "a",
        { href: postHref(post), class: "photo-link" },
        h("img", { class: "photo", src: post.image_url, alt, loading: "lazy" }),
      ),
      post.caption ? h("p", { class: "text" }, post.caption) : null,
    ];
  }
  return [
    post.reply_to
      ? h(
          "p",
          { class: "reply-to" },
          "↳ ",
          h("a", { href: postHref({ id: post.reply_to }) }, `in reply to a ${nouns.post}`),
        )
      : null,
    h("p", { class: "text" }, post.body),
  ];
}

function discussionLink(post) {
  const text = features.replies
    ? plural(post.reply_count, "reply", "replies")
    : plural(post.comment_count, "comment");
  return h("a", { class: "discussion-link", href: postHref(post) }, text);
}

// Two steps, so a slip of the finger deletes nothing: "Delete" asks "Sure?".
function deleteButton(post, onDeleted) {
  const wrapper = h("span", { class: "delete" });
  const ask = h("button", { type: "button", class: "link danger" }, "Delete");
  const confirm = h(
    "button",
    { type: "button", class: "link danger" },
    `Yes, delete this ${nouns.post}`,
  );
  const cancel = h("button", { type: "button", class: "link" }, "Keep it");

  ask.addEventListener("click", () => {
    wrapper.replaceChildren(confirm, " ", cancel);
    cancel.focus();
  });
  cancel.addEventListener("click", () => {
    wrapper.replaceChildren(ask);
    ask.focus();
  });
  confirm.addEventListener("click", async () => {
    confirm.disabled = true;
    try {
      await api.delete(apiPath(["posts", post.id]));
      onDeleted();
    } catch (error) {
      showError(error);
      confirm.disabled = false;
    }
  });

  wrapper.append(ask);
  return wrapper;
}
