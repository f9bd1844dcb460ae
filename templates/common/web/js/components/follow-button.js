// Follow / Unfollow for a user's profile (PUT or DELETE /api/users/{name}/follow).
import { api, apiPath } from "../api.js";
import { h } from "../dom.js";
import { showError } from "../message.js";

// onChange(user): called with the updated user (following, followers_count).
export function followButton(user, onChange) {
  const button = h("button", { type: "button", class: "follow" });
  const draw = () => {
    button.textContent = user.following ? `Unfollow @${user.username}` : `Follow @${user.username}`;
    button.classList.toggle("secondary", user.following);
  };

  button.addEventListener("click", async () => {
    const follow = !user.following;
    button.disabled = true;
    try {
      const path = apiPath(["users", user.username, "follow"]);
      await (follow ? api.put(path) : api.delete(path));
      user.following = follow;
      user.followers_count += follow ? 1 : -1;
      draw();
      onChange(user);
    } catch (error) {
      showError(error);
    } finally {
      button.disabled = false;
      button.focus();
    }
  });

  draw();
  return button;
}
