import { test } from "node:test";
import assert from "node:assert/strict";
import { contract } from "./contract.mjs";
import { planMerge, applyMerge, conflictId, joinTexts } from "../../overrides/assets/javascripts/ark/core/merge.js";
import { T } from "../../overrides/assets/javascripts/ark/core/strings.js";

const C = contract();
const DIALOG = "trin-4-dialogpapir";

test("dialogue paper: party A's --a keys and party B's --b keys merge with zero conflicts", () => {
  const fields = C.worksheets[DIALOG].fields;
  const a = {}, b = {};
  for (const f of fields) {
    if (f.key.endsWith("--a")) a[f.key] = "A: " + f.label;
    else if (f.key.endsWith("--b")) b[f.key] = "B: " + f.label;
  }
  const shared = fields.find((f) => !f.key.endsWith("--a") && !f.key.endsWith("--b")).key;
  a[shared] = "Samme tekst";
  b[shared] = "Samme tekst";
  const mine = { [DIALOG]: a }, theirs = { [DIALOG]: b };
  const before = structuredClone([mine, theirs]);
  const plan = planMerge(C, mine, theirs);
  assert.deepEqual(plan.conflicts, []);
  assert.deepEqual(plan.merged, { [DIALOG]: { ...a, ...b } });
  assert.deepEqual(applyMerge(plan), { [DIALOG]: { ...a, ...b } });
  assert.deepEqual([mine, theirs], before, "inputs untouched");
});

test("conflicts: fixed fields with two different values, in contract order; choices", () => {
  const ids = Object.keys(C.worksheets);
  const risk = C.worksheets["trin-4-risikoanalyse"];
  const check = C.worksheets["trin-1-hvem-leder-i-efter"].fields;
  const mine = {
    "trin-7-aarshjul": { marts: "Min marts", januar: "Min jan", februar: "Samme" },
    "trin-4-risikoanalyse": { [risk.fields[0].key]: "Sandsynligt" },
    "trin-1-hvem-leder-i-efter": { [check[0].key]: "1" },
  };
  const theirs = {
    "trin-7-aarshjul": { januar: "Deres jan", februar: "Samme", marts: "Deres marts", april: "Kun deres" },
    "trin-4-risikoanalyse": { [risk.fields[0].key]: "Usandsynligt" },
    "trin-1-hvem-leder-i-efter": { [check[0].key]: "1", [check[1].key]: "Note fra dem" },
  };
  const plan = planMerge(C, mine, theirs);
  const order = plan.conflicts.map((c) => [c.sheet, c.key]);
  assert.deepEqual(order, [["trin-4-risikoanalyse", risk.fields[0].key], ["trin-7-aarshjul", "januar"], ["trin-7-aarshjul", "marts"]]);
  assert.ok(ids.indexOf("trin-4-risikoanalyse") < ids.indexOf("trin-7-aarshjul"));
  const jan = plan.conflicts[1];
  assert.deepEqual(jan, { sheet: "trin-7-aarshjul", key: "januar", label: "Januar", sheetTitle: "Årshjul", mine: "Min jan", theirs: "Deres jan", type: "text", id: conflictId("trin-7-aarshjul", "januar"), both: "Deres jan\n\nMin jan" });
  assert.equal(plan.conflicts[0].type, "choice");
  assert.equal(plan.merged["trin-7-aarshjul"].april, "Kun deres", "only-theirs fields are taken silently");
  assert.equal(plan.merged["trin-7-aarshjul"].januar, "Min jan", "merged keeps mine until decided");
  assert.equal(plan.merged["trin-1-hvem-leder-i-efter"][check[1].key], "Note fra dem");

  const out = applyMerge(plan, {
    [conflictId("trin-7-aarshjul", "januar")]: "theirs",
    [conflictId("trin-7-aarshjul", "marts")]: "both",
    [conflictId("trin-4-risikoanalyse", risk.fields[0].key)]: "both",
  });
  assert.equal(out["trin-7-aarshjul"].januar, "Deres jan");
  assert.equal(out["trin-7-aarshjul"].marts, "Deres marts\n\nMin marts", "without set names: plainly, in a fixed order");
  assert.equal(out["trin-4-risikoanalyse"][risk.fields[0].key], "Sandsynligt", "both on a choice means mine");
  assert.equal(plan.merged["trin-7-aarshjul"].januar, "Min jan", "plan untouched");
  const viaMap = applyMerge(plan, new Map([[conflictId("trin-7-aarshjul", "marts"), "theirs"]]));
  assert.equal(viaMap["trin-7-aarshjul"].marts, "Deres marts");
  assert.equal(viaMap["trin-7-aarshjul"].januar, "Min jan", "default is mine");
  assert.equal(conflictId("a", "b"), "a\u0000b");
});

test("added rows: equal rows dropped, others appended after mine, never conflicting", () => {
  const mine = { "trin-7-kpi": { "raekke-1--maal": "A", "raekke-1--kpi": "a", "raekke-3--maal": "B" } };
  const theirs = { "trin-7-kpi": { "raekke-1--maal": "B", "raekke-2--maal": "A", "raekke-2--kpi": "a", "raekke-3--maal": "C", "raekke-3--ansvarlig": "Lise", "raekke-4--maal": "C", "raekke-4--ansvarlig": "Lise" } };
  const plan = planMerge(C, mine, theirs);
  assert.deepEqual(plan.conflicts, []);
  assert.deepEqual(plan.merged, { "trin-7-kpi": { "raekke-1--maal": "A", "raekke-1--kpi": "a", "raekke-2--maal": "B", "raekke-3--maal": "C", "raekke-3--ansvarlig": "Lise" } });
  const risk = planMerge(C, { "trin-4-risikoanalyse": { "egen-1--tekst": "X", "egen-1": "Sandsynligt" } }, { "trin-4-risikoanalyse": { "egen-1--tekst": "X", "egen-1": "Usandsynligt" } });
  assert.deepEqual(risk.conflicts, []);
  assert.deepEqual(risk.merged["trin-4-risikoanalyse"], { "egen-1--tekst": "X", "egen-1": "Sandsynligt", "egen-2--tekst": "X", "egen-2": "Usandsynligt" });
});

test("sheets only one side has are taken whole", () => {
  const plan = planMerge(C, { "trin-7-aarshjul": { maj: "x" } }, { "trin-7-kpi": { "raekke-1--maal": "M" } });
  assert.deepEqual(plan.merged, { "trin-7-kpi": { "raekke-1--maal": "M" }, "trin-7-aarshjul": { maj: "x" } });
  assert.deepEqual(planMerge(C, {}, {}), { merged: {}, conflicts: [] });
});

// Two partners, each in their own set, each merging the other's export and keeping both texts.
const both = (plan) => applyMerge(plan, Object.fromEntries(plan.conflicts.map((c) => [c.id, "both"])));

test("'Keep both' gives the same text on both sides, each part under its set's name", () => {
  const A = { "trin-7-aarshjul": { januar: "Foreningens plan" } };
  const B = { "trin-7-aarshjul": { januar: "Virksomhedens plan" } };
  const atA = both(planMerge(C, A, B, { mine: "Foreningen", theirs: "Virksomheden" }));
  const atB = both(planMerge(C, B, A, { mine: "Virksomheden", theirs: "Foreningen" }));
  assert.deepEqual(atA, atB);
  assert.equal(atA["trin-7-aarshjul"].januar, `${T.mergePartHeading("Foreningen")}\nForeningens plan\n\n${T.mergePartHeading("Virksomheden")}\nVirksomhedens plan`);
  assert.match(T.mergePartHeading("X"), /X/);
});

test("merging again never adds a text twice: the fuller text is kept, silently", () => {
  const names = { mine: "Foreningen", theirs: "Virksomheden" };
  const A = { "trin-7-aarshjul": { januar: "Foreningens plan\n\nmed to afsnit" } };
  const B = { "trin-7-aarshjul": { januar: "Virksomhedens plan" } };
  const joined = both(planMerge(C, A, B, names));
  // A merges B's (unchanged) file again: nothing to ask, nothing added.
  const again = planMerge(C, joined, B, names);
  assert.deepEqual(again.conflicts, []);
  assert.deepEqual(applyMerge(again), joined);
  // B merges A's merged file: it already holds B's text, so it is taken as it is.
  const atB = planMerge(C, B, joined, { mine: "Virksomheden", theirs: "Foreningen" });
  assert.deepEqual(atB.conflicts, []);
  assert.deepEqual(applyMerge(atB), joined);
  // Both merged already: equal, no conflict.
  assert.deepEqual(planMerge(C, joined, joined, names).conflicts, []);
  // A third text joins the parts there are, once each.
  const third = both(planMerge(C, joined, { "trin-7-aarshjul": { januar: "Konsulentens note" } }, { mine: "Foreningen", theirs: "Konsulenten" }));
  const text = third["trin-7-aarshjul"].januar;
  for (const part of ["Foreningens plan\n\nmed to afsnit", "Virksomhedens plan", "Konsulentens note"]) assert.equal(text.split(part).length, 2, part);
  assert.ok(text.indexOf(T.mergePartHeading("Foreningen")) < text.indexOf(T.mergePartHeading("Konsulenten")));
});

test("joinTexts: a heading-like line inside a text does not split it; the same text under two names counts once", () => {
  const inner = `Indledning\n${T.mergePartHeading("Nogen")}\nog mere`;
  const j = joinTexts({ name: "A", text: inner }, { name: "B", text: "andet" });
  assert.equal(j, `${T.mergePartHeading("A")}\n${inner}\n\n${T.mergePartHeading("B")}\nandet`);
  assert.equal(joinTexts({ name: "A", text: "samme" }, { name: "B", text: "samme" }), `${T.mergePartHeading("A")}\nsamme`);
});
