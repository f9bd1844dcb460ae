// #/signup: create an account (POST /api/users), then go home logged in.
import { api } from "../api.js";
import { credentialsForm } from "../components/credentials-form.js";
import { appName, limits } from "../config.js";
import { h } from "../dom.js";

export function signupView() {
  return h(
    "div",
    { class: "narrow" },
    h("h1", {}, `Join ${appName}`),
    credentialsForm({
      submitLabel: "Sign up",
      newAccount: true,
      hints: {
        username: `${limits.usernameMin}-${limits.usernameMax} letters, digits or underscores.`,
        password: `At least ${limits.passwordMin} characters.`,
      },
      send: (credentials) => api.post("/api/users", { json: credentials }),
      welcome: (user) => `Welcome, @${user.username}! Find people to follow in Explore.`,
    }),
    h("p", {}, "Already have an account? ", h("a", { href: "#/login" }, "Log in")),
  );
}
