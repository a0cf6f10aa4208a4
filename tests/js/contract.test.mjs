import { test } from "node:test";
import assert from "node:assert/strict";
import { contract } from "./contract.mjs";
import { VERSION, sheetSpec, fieldFor, checkValue, rowName, rowNumbers, rowKeys, deleteRow, compactRows, progress, fillable } from "../../overrides/assets/javascripts/ark/core/contract.js";

const C = contract();
const RISK = "trin-4-risikoanalyse";
const KPI = "trin-7-kpi";

test("an added row's name is the prefix and its number, as the Python side writes it", () => {
  assert.equal(rowName("egen", 3), "egen-3");
  const spec = sheetSpec(C, RISK);
  assert.deepEqual(rowKeys(spec, 2).filter((k) => !k.includes("--")), [rowName(spec.rows.prefix, 2)]);
});

test("the contract's placeholders are the ones the core assumes", () => {
  assert.deepEqual(C.placeholders, { row: "{row}", n: "{n}" });
  assert.equal(C.version, VERSION, "core/contract.js VERSION (the storage keys' ppp:v…:) is macros/contract.py's");
  assert.equal(C.checked, "1");
});

test("sheetSpec", () => {
  assert.equal(sheetSpec(C, RISK).title, "Risikoanalyse");
  assert.equal(sheetSpec(C, "nope"), null);
  assert.equal(sheetSpec(C, "__proto__"), null);
  assert.equal(sheetSpec(C, "toString"), null);
});

test("fieldFor: fixed keys of every sheet", () => {
  for (const [id, spec] of Object.entries(C.worksheets)) {
    for (const f of spec.fields) assert.deepEqual(fieldFor(C, id, f.key), f);
  }
  assert.equal(fieldFor(C, RISK, "nope"), null);
  assert.equal(fieldFor(C, "nope", "positiv-omtale"), null);
});

test("fieldFor: added-row keys expand {row} and {n}", () => {
  assert.deepEqual(fieldFor(C, RISK, "egen-3--tekst"), { key: "egen-3--tekst", label: "Eget udsagn 3", type: "text", group: "Eget udsagn 3" });
  const v = fieldFor(C, RISK, "egen-3");
  assert.equal(v.label, "Eget udsagn 3: vurdering");
  assert.equal(v.type, "choice");
  assert.deepEqual(v.choices, sheetSpec(C, RISK).fields[0].choices);
  assert.equal(fieldFor(C, KPI, "raekke-12--maal").label, "Mål, række 12");
  assert.equal(fieldFor(C, KPI, "raekke-999--kpi").group, "Række 999");
  for (const bad of ["raekke-0--maal", "raekke-012--maal", "raekke-1000--maal", "raekke-x--maal", "raekke-1--nope", "raekke-1", "egen-1--maal"]) {
    assert.equal(fieldFor(C, KPI, bad), null, bad);
  }
  assert.equal(fieldFor(C, "trin-4-dialogpapir", "raekke-1--maal"), null);
});

test("checkValue", () => {
  const text = fieldFor(C, "trin-1-refleksion", sheetSpec(C, "trin-1-refleksion").fields[0].key);
  const check = sheetSpec(C, "trin-1-hvem-leder-i-efter").fields[0];
  const choice = fieldFor(C, RISK, "egen-1");
  assert.equal(checkValue(text, "hej", C), true);
  assert.equal(checkValue(text, "", C), false);
  assert.equal(checkValue(text, 5, C), false);
  assert.equal(checkValue(text, "x".repeat(C.limits.valueChars), C), true);
  assert.equal(checkValue(text, "x".repeat(C.limits.valueChars + 1), C), false);
  assert.equal(checkValue(check, "1", C), true);
  assert.equal(checkValue(check, "ja", C), false);
  assert.equal(checkValue(choice, "Sandsynligt", C), true);
  assert.equal(checkValue(choice, "sandsynligt", C), false);
});

test("rowNumbers and rowKeys", () => {
  const spec = sheetSpec(C, RISK);
  assert.deepEqual(rowKeys(spec, 2), ["egen-2--tekst", "egen-2"]);
  assert.deepEqual(rowKeys(sheetSpec(C, KPI), 1), ["raekke-1--maal", "raekke-1--kpi", "raekke-1--milepael", "raekke-1--ansvarlig"]);
  assert.deepEqual(rowKeys(sheetSpec(C, "trin-7-aarshjul"), 1), []);
  assert.deepEqual(rowNumbers(spec, { "egen-10": "Sandsynligt", "egen-2--tekst": "a", "positiv-omtale": "Sandsynligt", "egen-2": "Sandsynligt" }), [2, 10]);
  assert.deepEqual(rowNumbers(sheetSpec(C, "trin-7-aarshjul"), { januar: "x" }), []);
});

test("deleteRow shifts the rows above down", () => {
  const spec = sheetSpec(C, KPI);
  const answers = { "raekke-1--maal": "A", "raekke-2--maal": "B", "raekke-2--kpi": "b", "raekke-3--maal": "C", "raekke-4--ansvarlig": "D" };
  const before = structuredClone(answers);
  assert.deepEqual(deleteRow(spec, answers, 2), { "raekke-1--maal": "A", "raekke-2--maal": "C", "raekke-3--ansvarlig": "D" });
  assert.deepEqual(deleteRow(spec, answers, 4), { "raekke-1--maal": "A", "raekke-2--maal": "B", "raekke-2--kpi": "b", "raekke-3--maal": "C" });
  assert.deepEqual(deleteRow(spec, answers, 1), { "raekke-1--maal": "B", "raekke-1--kpi": "b", "raekke-2--maal": "C", "raekke-3--ansvarlig": "D" });
  assert.deepEqual(answers, before, "input untouched");
  const risk = sheetSpec(C, RISK);
  assert.deepEqual(deleteRow(risk, { "positiv-omtale": "Sandsynligt", "egen-1": "Usandsynligt", "egen-2--tekst": "t" }, 1), { "positiv-omtale": "Sandsynligt", "egen-1--tekst": "t" });
});

test("compactRows renumbers 1..N in order", () => {
  const spec = sheetSpec(C, RISK);
  assert.deepEqual(
    compactRows(spec, { "egen-7--tekst": "x", "egen-7": "Sandsynligt", "egen-3": "Usandsynligt", "negativt-omdoemme-en-part": "Sandsynligt" }),
    { "egen-2--tekst": "x", "egen-2": "Sandsynligt", "egen-1": "Usandsynligt", "negativt-omdoemme-en-part": "Sandsynligt" },
  );
});

test("fillable: every worksheet but the book's plain lists", () => {
  const lists = Object.entries(C.worksheets).filter(([, s]) => s.kind === "list").map(([id]) => id);
  assert.deepEqual(lists, ["trin-5-faldgruber"]);
  for (const [id, spec] of Object.entries(C.worksheets)) assert.equal(fillable(spec), spec.kind !== "list", id);
});

test("progress", () => {
  const spec = sheetSpec(C, "trin-1-hvem-leder-i-efter");
  const items = spec.fields.filter((f) => !f.note);
  assert.deepEqual(progress(spec, {}), { done: 0, total: items.length, started: false });
  assert.deepEqual(progress(spec, { [items[0].key + "--note"]: "n" }), { done: 0, total: items.length, started: true });
  assert.deepEqual(progress(spec, { [items[0].key]: "1", [items[1].key]: "1" }), { done: 2, total: items.length, started: true });
  assert.deepEqual(progress(sheetSpec(C, KPI), { "raekke-1--maal": "x" }), { done: 0, total: 0, started: true });
});
