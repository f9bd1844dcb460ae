// #/login: log in (POST /api/sessions), then go home.
import { api } from "../api.js";
import { credentialsForm } from "../components/credentials-form.js";
import { h } from "../dom.js";

export function loginView() {
  return h(
    "div",
    { class: "narrow" },
    h("h1", {}, "Log in"),
    credentialsForm({
      submitLabel: "Log in",
      newAccount: false,
      send: (credentials) => api.post("/api/sessions", { json: credentials }),
      welcome: (user) => `Welcome back, @${user.username}.`,
    }),
    h("p", {}, "New here? ", h("a", { href: "#/signup" }, "Sign up")),
  );
}
