// Any address the router does not know.
import { h } from "../dom.js";

export function notFoundView() {
  return h(
    "div",
    {},
    h("h1", {}, "Page not found"),
    h("p", {}, "Nothing lives at this address. ", h("a", { href: "#/" }, "Go home")),
  );
}
