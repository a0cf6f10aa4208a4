// ark/core/strings.js over the site's one strings file: every message fills all its placeholders
// from the arguments its call sites pass (a renamed placeholder in da.json fails here, not on a page).
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { CORE } from "./contract.mjs";

const { T, t } = await import(path.join(CORE, "strings.js"));

const SAMPLE = {
  wrongSheet: ["Ark", ["Andet ark"]],
  savedIn: ["Mine svar", new Date("2026-11-29T10:05:00")],
  importSummary: [2, ["A", "B"], "Sæt"],
  importedSetDated: [new Date("2026-11-29T10:05:00")],
};

test("every worksheet message fills its placeholders", () => {
  for (const [key, value] of Object.entries(T)) {
    const text = typeof value === "function" ? value(...(SAMPLE[key] || [2, "B", "C"])) : value;
    assert.equal(typeof text, "string", key);
    assert.doesNotMatch(text, /\{\w+\}/, key);
  }
});

test("plurals, placeholders and unknown keys", () => {
  assert.equal(T.setSheets(1), "Vis arket");
  assert.equal(T.setSheets(3), "Vis de 3 ark");
  assert.match(T.importSummary(2, ["A"], null), /^Filen indeholder 2 svar til ”A”\./);
  assert.match(T.importSummary(2, ["A"], null, true), /^Linket indeholder 2 svar til ”A”\./, "a shared link (share.js)");
  assert.equal(T.unknownField("Ark"), "Filen indeholder et svar i ”Ark”, som arket ikke kender. Genindlæs siden, og prøv igen. Intet er ændret.");
  assert.throws(() => t("ark.nothing"), /no interface string/);
  assert.throws(() => t("ark.confirmClear"), /needs \{title\}/);
});

// The filling shared by the worksheets and the search (overrides/assets/javascripts/fill.js).
import { fill } from "../../overrides/assets/javascripts/fill.js";

test("fill picks the form for n and fills every placeholder, or says which entry is wrong", () => {
  const found = { one: "{n} resultat for {term}", other: "{n} resultater for {term}" };
  assert.equal(fill(found, { n: 1, term: "mål" }, "search.found"), "1 resultat for mål");
  assert.equal(fill(found, { n: 0, term: "mål" }, "search.found"), "0 resultater for mål");
  assert.throws(() => fill("{n} ark", {}, "ark.count"), /"ark.count" needs \{n\}/);
  assert.throws(() => fill(undefined, {}, "ark.missing"), /no interface string "ark.missing"/);
});
