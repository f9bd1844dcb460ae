// "Log in or sign up to reply." where a logged-out visitor would find a form.
import { h } from "../dom.js";

export function loginPrompt(toDoWhat) {
  return h(
    "p",
    { class: "login-prompt" },
    h("a", { href: "#/login" }, "Log in"),
    " or ",
    h("a", { href: "#/signup" }, "sign up"),
    ` ${toDoWhat}.`,
  );
}
