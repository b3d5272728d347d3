// The JavaScript linter (ESLint, installed with its rules into .cache/node-tools/ by
// scripts/install-page-checkers.sh; run by `make lint`): the recommended rules, for scripts
// that run as they are in the browser.
import { createRequire } from "node:module";

const tools = createRequire(new URL("./.cache/node-tools/", import.meta.url));
const js = tools("@eslint/js");
const globals = tools("globals");

export default [
  js.configs.recommended,
  {
    files: ["theme/assets/javascripts/*.js", "src/kookboek/web/static/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globals.browser },
    },
    rules: {
      // `catch (e) {}`: a failure that needs no words (storage full, an old browser).
      "no-unused-vars": ["error", { caughtErrors: "none" }],
    },
  },
  { files: ["eslint.config.mjs"], languageOptions: { globals: { ...globals.node } } },
];
