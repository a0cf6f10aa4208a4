// The search's Danish help (overrides/assets/javascripts/sog/dansk.js).
import test from "node:test";
import assert from "node:assert/strict";
import { danishQuery, showResult, SPLIT_MARK } from "../../overrides/assets/javascripts/sog/dansk.js";

test("ASCII transliterations become Danish letters", () => {
  assert.equal(danishQuery("vaerdi"), "værdi");
  assert.equal(danishQuery("boerns vilkaar"), "børns vilkår");
  assert.equal(danishQuery("Aarshjul"), "årshjul");
  assert.equal(danishQuery("KPI-er no-go"), "KPI-er no-go");
});

test("words the site spells with ae/oe/aa stay as typed", () => {
  const keep = ["aalborg", "troede"];
  assert.equal(danishQuery("Aalborg", keep), "Aalborg");
  assert.equal(danishQuery("aalb", keep), "aalb");
  assert.equal(danishQuery("troede maal", keep), "troede mål");
});

test("results lose the compound mark and name their step", () => {
  const shown = showResult({
    excerpt: `en <mark>risiko${SPLIT_MARK}analyse</mark>`,
    meta: { title: "Dialog om de fælles idéer og mål", trin: "Trin 4" },
    sub_results: [{ title: `Risiko${SPLIT_MARK}analyse`, excerpt: `risiko${SPLIT_MARK}analyse`, url: "/trin-4/#risikoanalyse" }],
  });
  assert.equal(shown.excerpt, "en <mark>risikoanalyse</mark>");
  assert.deepEqual(shown.meta, { title: "Trin 4 · Dialog om de fælles idéer og mål" });
  assert.deepEqual(shown.sub_results.map((s) => s.title), ["Trin 4 · Risikoanalyse"]);
  assert.equal(showResult({ meta: { title: "Forord" }, sub_results: [] }).meta.title, "Forord");
});
