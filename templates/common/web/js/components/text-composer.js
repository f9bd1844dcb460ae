// A box to write text: a post, a reply or a comment. A labelled textarea, a
// live character counter, and a submit button.
import { h } from "../dom.js";
import { characterCounter, field, onSubmit } from "../forms.js";

// send(text): calls the API and resolves to what it created; onSent gets that.
export function textComposer({ label, max, submitLabel, send, onSent }) {
  const box = field({ label, name: "body", multiline: true, rows: 3, required: true });
  const textarea = box.querySelector("textarea");
  const { counter, update } = characterCounter(textarea, max);
  const form = h(
    "form",
    { class: "composer" },
    box,
    h("div", { class: "actions" }, counter, h("button", { type: "submit" }, submitLabel)),
  );
  return onSubmit(form, async () => {
    const created = await send(textarea.value);
    form.reset();
    update();
    onSent(created);
  });
}
