// ESLint's settings (the "flat config" format): `npm run lint` checks every
// JavaScript file of the project against the recommended rules, which catch
// bugs (undefined names, unreachable code) rather than matters of taste.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    // The server, its tests and scripts run in Node.js.
    files: ["**/*.js"],
    ignores: ["public/**"],
    languageOptions: { globals: globals.node },
  },
  {
    // The web front end runs in the browser.
    files: ["public/**/*.js"],
    languageOptions: { globals: globals.browser },
  },
];
