// The real key contract for the JS tests: made by macros/contract.py through the project's
// Python (.venv/bin/python), once per test process, so the tests can never drift from it.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const SNIPPET = "import sys; from pathlib import Path; from macros.content import load_content; from macros.contract import contract_text; sys.stdout.write(contract_text(load_content(Path('.'))))";

let cached = null;

/** The parsed contract (the same text the build publishes as assets/arbejdsark/kontrakt.json). */
export function contract() {
  if (!cached) {
    const text = execFileSync(path.join(REPO, ".venv", "bin", "python"), ["-c", SNIPPET], { cwd: REPO, encoding: "utf-8", maxBuffer: 64 * 1024 * 1024 });
    cached = JSON.parse(text);
  }
  return cached;
}

/** The ES modules under test. */
export const CORE = path.join(REPO, "overrides", "assets", "javascripts", "ark", "core");
