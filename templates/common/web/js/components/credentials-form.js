// The username + password form of the sign-up and log-in screens.
import { h } from "../dom.js";
import { field, onSubmit } from "../forms.js";
import { navigate } from "../router.js";
import { saveSession } from "../session.js";

// send({ username, password }): the API call, resolving to { user, token }.
// newAccount: helps password managers offer a new password instead of a saved one.
export function credentialsForm({ submitLabel, newAccount, hints = {}, send, welcome }) {
  const form = h(
    "form",
    { class: "card" },
    field({
      label: "Username",
      name: "username",
      autocomplete: "username",
      autocapitalize: "none",
      spellcheck: "false",
      required: true,
      hint: hints.username,
    }),
    field({
      label: "Password",
      name: "password",
      type: "password",
      autocomplete: newAccount ? "new-password" : "current-password",
      required: true,
      hint: hints.password,
    }),
    h("button", { type: "submit" }, submitLabel),
  );
  return onSubmit(form, async (data) => {
    const { user, token } = await send({
      username: data.get("username"),
      password: data.get("password"),
    });
    saveSession(token, user);
    navigate("#/", welcome(user));
  });
}
