// The message bar under the header: API errors (their `message`) and notices.
// It is a live region (role="alert" in index.html), so screen readers read out
// whatever appears in it.
import { h } from "./dom.js";

const bar = () => document.getElementById("message");

function show(kind, text) {
  bar().className = `message ${kind}`;
  bar().replaceChildren(
    h("p", {}, text),
    h("button", { type: "button", class: "link", onclick: clearMessage }, "Dismiss"),
  );
}

export function showError(error) {
  show("error", error.message);
}

export function showNotice(text) {
  show("notice", text);
}

export function clearMessage() {
  bar().className = "message";
  bar().replaceChildren();
}
