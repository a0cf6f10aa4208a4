// ESLint (flat config), run by scripts/lint (part of scripts/test): the site's own JavaScript and
// its Node tests. Vendored, minified and generated files are not ours to lint.
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    ignores: ["docs/**", "site/**", "node_modules/**", "build/**", "benchmarks/reports/**", ".venv/**"],
  },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  {
    // The site's ES modules (worksheets, search, links.js), run in the browser.
    files: ["overrides/assets/javascripts/**/*.js"],
    languageOptions: { sourceType: "module", globals: globals.browser },
  },
  {
    // Node's test runner (node --test tests/js/), the build's Node steps (offlinebuild/, cssbuild/) and this file.
    files: ["tests/js/**/*.mjs", "tests/js/**/*.js", "offlinebuild/**/*.js", "cssbuild/**/*.js", "eslint.config.js"],
    languageOptions: { sourceType: "module", globals: globals.node },
  },
  {
    // The Firefox journeys: a Node script whose callbacks also run in the page (page.evaluate).
    files: ["tests/engines/**/*.mjs"],
    languageOptions: { sourceType: "module", globals: { ...globals.node, ...globals.browser } },
  },
];
