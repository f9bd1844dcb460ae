// Editing your own bio on your profile (PATCH /api/me).
import { api } from "../api.js";
import { limits } from "../config.js";
import { h } from "../dom.js";
import { characterCounter, field, onSubmit } from "../forms.js";
import { showNotice } from "../message.js";

// onSaved(user): called with the user as the server now has it.
export function bioForm(user, onSaved) {
  const box = field({ label: "Your bio", name: "bio", multiline: true, rows: 2 });
  const textarea = box.querySelector("textarea");
  textarea.value = user.bio;
  const { counter } = characterCounter(textarea, limits.bioMax);
  const form = h(
    "form",
    { class: "composer" },
    box,
    h("div", { class: "actions" }, counter, h("button", { type: "submit" }, "Save bio")),
  );
  return onSubmit(form, async () => {
    const { user: saved } = await api.patch("/api/me", { json: { bio: textarea.value } });
    showNotice("Your bio is saved.");
    onSaved(saved);
  });
}
