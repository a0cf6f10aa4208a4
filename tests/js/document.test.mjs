import { test } from "node:test";
import assert from "node:assert/strict";
import { contract } from "./contract.mjs";
import { answersDocument, toPlainText } from "../../overrides/assets/javascripts/ark/core/document.js";

const C = contract();

test("list-like sheets: answered fields only, checks read Ja, notes after their item", () => {
  const spec = C.worksheets["trin-1-hvem-leder-i-efter"];
  const [item, note, item2] = spec.fields;
  const doc = answersDocument(C, { name: "Mit partnerskab", date: "29. november 2026", worksheets: {
    "trin-1-hvem-leder-i-efter": { [note.key]: "Husk dette", [item.key]: "1" },
    "trin-7-aarshjul": { januar: "Kickoff" },
    "trin-1-refleksion": {},
  } });
  assert.equal(doc.name, "Mit partnerskab");
  assert.deepEqual(doc.sheets.map((s) => s.id), ["trin-1-hvem-leder-i-efter", "trin-7-aarshjul"]);
  const s = doc.sheets[0];
  assert.equal(s.title, spec.title);
  assert.equal(s.step, spec.step);
  assert.deepEqual(s.blocks, [
    { type: "field", label: item.label, group: item.group || null, value: "Ja", fieldType: "check" },
    { type: "field", label: note.label, group: note.group || null, value: "Husk dette", fieldType: "text" },
  ]);
  assert.ok(!s.blocks.some((b) => b.label === item2.label));
  const text = toPlainText(doc);
  assert.match(text, /^Mit partnerskab\n29\. november 2026\n/);
  assert.ok(text.includes(item.label + ":\nJa\n"));
  assert.ok(text.includes("Januar:\nKickoff\n"));
  assert.ok(text.endsWith("\n") && !text.endsWith("\n\n"));
});

test("table sheets: fixed rows, added rows, dialogue spans", () => {
  const doc = answersDocument(C, { worksheets: {
    "trin-4-dialogpapir": { "faelles-vaerdier": "Tillid", "aktivitet-produkt--b": "Kaffe" },
    "trin-4-risikoanalyse": { "positiv-omtale": "Sandsynligt", "egen-1--tekst": "Eget", "egen-1": "Usandsynligt" },
    "trin-7-kpi": { "raekke-1--maal": "Flere frivillige\nog glade", "raekke-2--ansvarlig": "Lise" },
  } });
  const [dialog, risk, kpi] = doc.sheets.map((s) => s.blocks);
  assert.equal(dialog.length, 1);
  assert.deepEqual(dialog[0].columns, ["", "Foreningen", "Virksomheden"]);
  assert.deepEqual(dialog[0].rows[0], ["Fælles VÆRDIER", "Tillid", ""]);
  assert.deepEqual(dialog[0].rows[2], ["Foreningens AKTIVITET / Virksomhedens PRODUKT", "", "Kaffe"]);
  assert.deepEqual(dialog[0].spans[0], { row: 0, col: 1, span: 2 });
  assert.ok(dialog[0].rows.every((r) => r.length === 3));
  assert.equal(risk[0].rows.length, 4);
  assert.deepEqual(risk[0].rows[3], ["Eget", "Usandsynligt"]);
  assert.equal(risk[0].rows[1][1], "");
  assert.deepEqual(kpi[0].rows, [["Flere frivillige\nog glade", "", "", ""], ["", "", "", "Lise"]]);
  const text = toPlainText(doc);
  assert.ok(text.includes("Fælles VÆRDIER | Tillid\n"), "covered span cell left out");
  assert.ok(text.includes("Foreningens AKTIVITET / Virksomhedens PRODUKT |  | Kaffe\n"));
  assert.ok(text.includes("Mål | KPI | Milepæl og deadline | Ansvarlig\nFlere frivillige / og glade |  |  | \n"));
});

test("the document of an empty set has no sheets", () => {
  assert.deepEqual(answersDocument(C, { worksheets: {} }).sheets, []);
});
