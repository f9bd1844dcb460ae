// The like toggle. aria-pressed tells screen readers whether you like the post;
// the count changes at once and goes back if the server refuses.
import { api, apiPath } from "../api.js";
import { nouns } from "../config.js";
import { h, srOnly } from "../dom.js";
import { showError } from "../message.js";
import { navigate } from "../router.js";
import { currentSession } from "../session.js";

export function likeButton(post) {
  const button = h("button", { type: "button", class: "like" });

  const draw = () => {
    button.setAttribute("aria-pressed", String(post.liked));
    button.title = post.liked ? "Unlike" : "Like";
    button.replaceChildren(
      h("span", { class: "heart", "aria-hidden": "true" }, post.liked ? "♥" : "♡"),
      ` ${post.like_count}`,
      srOnly(post.like_count === 1 ? " like" : " likes"),
    );
  };

  const toggle = (liked) => {
    post.liked = liked;
    post.like_count += liked ? 1 : -1;
    draw();
  };

  button.addEventListener("click", async () => {
    if (!currentSession()) {
      navigate("#/login", `Log in to like ${nouns.posts}.`);
      return;
    }
    const liked = !post.liked;
    toggle(liked);
    button.disabled = true;
    try {
      const path = apiPath(["posts", post.id, "like"]);
      await (liked ? api.put(path) : api.delete(path));
    } catch (error) {
      toggle(!liked);
      showError(error);
    } finally {
      button.disabled = false;
      button.focus(); // disabling it may have moved focus away
    }
  });

  draw();
  return button;
}
