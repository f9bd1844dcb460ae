// #/p/<id>: one post with its discussion: the replies to it and a reply box
// (ideas with `features.replies`), or its comments and a comment box
// (`features.comments`).
import { api, apiPath } from "../api.js";
import { commentView } from "../components/comment.js";
import { loginPrompt } from "../components/login-prompt.js";
import { pagedList } from "../components/paged-list.js";
import { postCard } from "../components/post-card.js";
import { textComposer } from "../components/text-composer.js";
import { features, limits, nouns } from "../config.js";
import { capitalize, h } from "../dom.js";
import { showError } from "../message.js";
import { navigate } from "../router.js";
import { currentSession } from "../session.js";

// The two kinds of discussion differ only in these details.
const discussion = features.replies
  ? {
      title: "Replies",
      path: "replies",
      key: "posts",
      item: postCard,
      counter: "reply_count",
      label: "Your reply",
      max: limits.bodyMax,
      submitLabel: "Reply",
      send: async (post, body) =>
        (await api.post("/api/posts", { json: { body, reply_to: post.id } })).post,
    }
  : {
      title: "Comments",
      path: "comments",
      key: "comments",
      item: commentView,
      counter: "comment_count",
      label: "Your comment",
      max: limits.commentMax,
      submitLabel: "Comment",
      send: async (post, body) =>
        (await api.post(apiPath(["posts", post.id, "comments"]), { json: { body } })).comment,
    };

export function postView(id) {
  const heading = h("h1", {}, capitalize(nouns.post));
  const view = h("div", {}, heading, h("p", { class: "status" }, "Loading…"));

  api
    .get(apiPath(["posts", id]))
    .then(({ post }) => {
      heading.textContent = `${capitalize(nouns.post)} by @${post.author.username}`;
      const onDeleted = () => navigate("#/", `Your ${nouns.post} is deleted.`);
      let card = postCard(post, { onDeleted });
      // A new reply or comment changes the count shown on the card: draw it again.
      const redraw = () => {
        const fresh = postCard(post, { onDeleted });
        card.replaceWith(fresh);
        card = fresh;
      };
      view.replaceChildren(heading, card, discussionSection(post, redraw));
    })
    .catch((error) => {
      view.replaceChildren(
        heading,
        h(
          "p",
          { class: "status" },
          error.status === 404
            ? `This ${nouns.post} does not exist, or was deleted.`
            : `This ${nouns.post} could not be loaded.`,
        ),
      );
      showError(error);
    });

  return view;
}

function discussionSection(post, onCountChange) {
  const list = pagedList({
    url: (cursor) => apiPath(["posts", post.id, discussion.path], { cursor }),
    key: discussion.key,
    item: discussion.item,
    empty: `No ${discussion.title.toLowerCase()} yet.`,
    label: discussion.title,
  });
  const box = currentSession()
    ? textComposer({
        label: discussion.label,
        max: discussion.max,
        submitLabel: discussion.submitLabel,
        send: (body) => discussion.send(post, body),
        onSent: (created) => {
          list.add(created, { atStart: false }); // oldest first: new ones go last
          post[discussion.counter] += 1;
          onCountChange();
        },
      })
    : loginPrompt(`to ${discussion.submitLabel.toLowerCase()}`);
  return h("section", { class: "discussion" }, h("h2", {}, discussion.title), list.element, box);
}
