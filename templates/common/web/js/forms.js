// Form helpers: labelled fields with a place for their error, a live character
// counter, and onSubmit(), which shows what the API said went wrong.
import { ApiError } from "./api.js";
import { h } from "./dom.js";
import { clearMessage, showError } from "./message.js";

let nextId = 0;

// A <label>, an input (or a <textarea> with multiline: true), an optional hint,
// and an empty error line underneath. aria-describedby links the hint and the
// error to the input, so a screen reader reads them along with it.
export function field({ label, name, hint, multiline = false, ...attributes }) {
  const id = `field-${name}-${++nextId}`;
  const hintLine = hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null;
  const errorLine = h("p", { class: "field-error", id: `${id}-error`, "data-error-for": name });
  const describedBy = [hintLine?.id, errorLine.id].filter(Boolean).join(" ");
  const input = h(multiline ? "textarea" : "input", {
    id,
    name,
    "aria-describedby": describedBy,
    ...attributes,
  });
  return h("div", { class: "field" }, h("label", { for: id }, label), input, hintLine, errorLine);
}

// "12 characters left", updated as the person types. Counts code points like
// the API does ([...text].length), so an emoji counts once, not twice.
export function characterCounter(textarea, max) {
  const counter = h("p", { class: "counter", id: `${textarea.id}-counter` });
  textarea.setAttribute(
    "aria-describedby",
    `${textarea.getAttribute("aria-describedby")} ${counter.id}`,
  );
  const update = () => {
    const left = max - [...textarea.value].length;
    counter.textContent = left >= 0 ? `${left} characters left` : `${-left} characters too many`;
    counter.classList.toggle("over", left < 0);
  };
  textarea.addEventListener("input", update);
  update();
  return { counter, update };
}

function showFieldErrors(form, fields) {
  for (const [name, text] of Object.entries(fields)) {
    const line = form.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
    if (!line) continue; // a field this form has no input for: the message says it
    line.textContent = text;
    form.elements.namedItem(name)?.setAttribute("aria-invalid", "true");
  }
}

function clearFieldErrors(form) {
  for (const line of form.querySelectorAll("[data-error-for]")) {
    line.textContent = "";
  }
  for (const input of form.querySelectorAll("[aria-invalid]")) {
    input.removeAttribute("aria-invalid");
  }
}

// Runs action() when the form is submitted, with the submit button disabled
// meanwhile (no double posts). An ApiError shows its message at the top and
// each of its fields under the matching input; the first bad input gets focus.
export function onSubmit(form, action) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault(); // we send it ourselves, with fetch
    const button = form.querySelector("[type=submit]");
    button.disabled = true;
    form.setAttribute("aria-busy", "true");
    clearMessage();
    clearFieldErrors(form);
    try {
      await action(new FormData(form));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      showError(error);
      showFieldErrors(form, error.fields);
      form.querySelector("[aria-invalid]")?.focus();
    } finally {
      button.disabled = false;
      form.removeAttribute("aria-busy");
    }
  });
  return form;
}
