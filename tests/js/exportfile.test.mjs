import { test } from "node:test";
import assert from "node:assert/strict";
import { contract } from "./contract.mjs";
import { makeExport, fileName, readExport, slug } from "../../overrides/assets/javascripts/ark/core/exportfile.js";
import { rowKeys } from "../../overrides/assets/javascripts/ark/core/contract.js";

const C = contract();
const enc = (x) => new TextEncoder().encode(typeof x === "string" ? x : JSON.stringify(x));
const file = (worksheets, extra = {}) => enc({ format: C.format, version: C.version, name: "Test", exported: "2026-11-29T10:00:00.000Z", worksheets, ...extra });
const NOW = new Date("2026-11-29T10:00:00Z");

// A value every field accepts, by type.
function sample(field, i) {
  if (field.type === "check") return C.checked;
  if (field.type === "choice") return field.choices[i % field.choices.length];
  return `Svar ${i} – æøå "citat"\nlinje 2 ✓`;
}

// Every field of every sheet filled, plus 3 added rows where a sheet has them.
function fullAnswers() {
  const out = {};
  for (const [id, spec] of Object.entries(C.worksheets)) {
    const a = {};
    spec.fields.forEach((f, i) => { a[f.key] = sample(f, i); });
    if (spec.rows) for (let n = 1; n <= 3; n++) rowKeys(spec, n).forEach((k, i) => { a[k] = sample(spec.rows.fields[i], n + i); });
    out[id] = a;
  }
  return out;
}

// Messages speak a volunteer's words: no internal keys or ids (not even the file's own unknown
// ones), no file formats, encodings or version numbers.
function expectError(result, pattern) {
  assert.equal(result.ok, false);
  assert.match(result.error, pattern);
  assert.match(result.error, /Intet er ændret\.$/);
  assert.doesNotMatch(result.error, /undefined|null|\[object/);
  assert.doesNotMatch(result.error, /_rows|raekke-|egen-\d|trin-\d|__proto__|trettende|UTF|JSON|\.json|version|\bv\d/i);
}

test("round trip of every worksheet kind, added rows included", () => {
  const answers = fullAnswers();
  const kinds = new Set(Object.values(C.worksheets).map((s) => s.kind));
  assert.deepEqual([...kinds].sort(), ["calendar", "checklist", "dialogue", "list", "perspectives", "questions", "risk", "table"]);
  const data = makeExport(C, { name: "Mit partnerskab", worksheets: answers, now: NOW });
  assert.equal(data.format, C.format);
  assert.equal(data.version, C.version);
  assert.equal(data.name, "Mit partnerskab");
  assert.equal(data.exported, "2026-11-29T10:00:00.000Z");
  const back = readExport(enc(JSON.stringify(data, null, 2)), C);
  assert.equal(back.ok, true, back.error);
  assert.equal(back.name, "Mit partnerskab");
  assert.equal(back.version, C.version);
  assert.deepEqual(back.worksheets, answers);
  assert.ok(back.worksheets["trin-4-risikoanalyse"]["egen-3--tekst"]);
  assert.ok(back.worksheets["trin-7-kpi"]["raekke-3--ansvarlig"]);
  // one sheet at a time, too
  for (const id of Object.keys(C.worksheets)) {
    const one = readExport(enc(makeExport(C, { name: null, worksheets: { [id]: answers[id] }, now: NOW })), C, { onlySheet: id });
    assert.equal(one.ok, true, one.error);
    assert.equal(one.name, null);
    assert.deepEqual(one.worksheets, { [id]: answers[id] });
  }
});

test("makeExport leaves out empty values and sheets, unknown sheets and keys, and compacts rows", () => {
  const data = makeExport(C, {
    name: "",
    now: NOW,
    worksheets: {
      "trin-7-aarshjul": { januar: "Kickoff", februar: "" },
      "trin-1-refleksion": {},
      "trin-7-kpi": { "raekke-5--maal": "M", "_rows": "5", "fremmed": "x" },
      "ukendt-ark": { a: "b" },
      "trin-4-risikoanalyse": { "positiv-omtale": "forkert værdi" },
    },
  });
  assert.equal(data.name, null);
  assert.deepEqual(data.worksheets, { "trin-7-kpi": { "raekke-1--maal": "M" }, "trin-7-aarshjul": { januar: "Kickoff" } });
  assert.deepEqual(Object.keys(data.worksheets), ["trin-7-kpi", "trin-7-aarshjul"], "contract order");
});

test("fileName and slug", () => {
  const d = new Date(2026, 10, 29, 12);
  const exp = (name, sheetId, date) => fileName("export", { name, sheetId, date });
  assert.equal(exp("Mit partnerskab", null, d), "arbejdsark-mit-partnerskab-alle-2026-11-29.json");
  assert.equal(exp("Ærø Å/S & Søn", "trin-7-kpi", d), "arbejdsark-aeroe-aa-s-soen-trin-7-kpi-2026-11-29.json");
  assert.equal(exp("", "trin-7-kpi", "2026-01-02"), "arbejdsark-trin-7-kpi-2026-01-02.json");
  assert.equal(fileName("copy", { sheetId: "trin-7-kpi", date: d, ext: "pdf" }), "trin-7-kpi-med-svar-2026-11-29.pdf");
  assert.equal(fileName("copy", { name: "Røde Kors", date: d, ext: "docx" }), "alle-svar-roede-kors-2026-11-29.docx");
  assert.equal(slug("  Café Ünïcode  2026!! "), "cafe-unicode-2026");
  assert.equal(slug("ÆØÅ"), "aeoeaa");
});

test("a UTF-8 BOM is fine", () => {
  const body = file({ "trin-7-aarshjul": { januar: "Hej" } });
  const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...body]);
  const r = readExport(withBom, C);
  assert.equal(r.ok, true, r.error);
  assert.deepEqual(r.worksheets, { "trin-7-aarshjul": { januar: "Hej" } });
  assert.equal(readExport(withBom.buffer, C).ok, true, "an ArrayBuffer works too");
});

test("a UTF-16 file with a BOM (Notepad's \"Unicode\"), little- or big-endian, is read", () => {
  const text = JSON.stringify({ format: C.format, version: C.version, name: "Ærø – „sæt“ ✓", exported: "2026-11-29T10:00:00.000Z", worksheets: { "trin-7-aarshjul": { januar: "Hej 😀 æøå" } } });
  const units = [...text].flatMap((ch) => { const s = []; for (let i = 0; i < ch.length; i++) s.push(ch.charCodeAt(i)); return s; });
  const le = new Uint8Array([0xff, 0xfe, ...units.flatMap((u) => [u & 0xff, u >> 8])]);
  const be = new Uint8Array([0xfe, 0xff, ...units.flatMap((u) => [u >> 8, u & 0xff])]);
  for (const bytes of [le, be]) {
    const r = readExport(bytes, C);
    assert.equal(r.ok, true, r.error);
    assert.equal(r.name, "Ærø – „sæt“ ✓");
    assert.deepEqual(r.worksheets, { "trin-7-aarshjul": { januar: "Hej 😀 æøå" } });
  }
  // Without a BOM nothing says it is UTF-16: still refused, and so is a broken UTF-16 file.
  assert.equal(readExport(le.slice(2), C).ok, false);
  assert.equal(readExport(new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]), C).ok, false, "a lone surrogate");
});

test("version 1 files (old arbejdsark.js) are accepted, _rows dropped", () => {
  const v1 = {
    format: C.format,
    version: 1,
    exported: "2024-05-01T10:00:00.000Z",
    worksheets: {
      "trin-4-risikoanalyse": { "_rows": "3", "positiv-omtale": "Sandsynligt", "egen-1--tekst": "", "egen-2--tekst": "Eget", "egen-2": "Usandsynligt", "egen-3": "" },
      "trin-7-kpi": { "_rows": "1", "raekke-1--maal": "Mål" },
      "trin-7-aarshjul": { "_rows": "0", januar: "Jan" },
    },
  };
  const r = readExport(enc(v1), C);
  assert.equal(r.ok, true, r.error);
  assert.equal(r.name, null);
  assert.equal(r.version, 1);
  assert.deepEqual(r.worksheets, {
    "trin-4-risikoanalyse": { "positiv-omtale": "Sandsynligt", "egen-1--tekst": "Eget", "egen-1": "Usandsynligt" },
    "trin-7-kpi": { "raekke-1--maal": "Mål" },
    "trin-7-aarshjul": { januar: "Jan" },
  });
  // In a version 2 file, _rows is an unknown field.
  expectError(readExport(file({ "trin-7-kpi": { "_rows": "1" } }), C), /et svar i ”KPI’er for partnerskabet”, som arket ikke kender/);
});

test("empty strings are dropped; a file of only empty values gives no sheets", () => {
  const r = readExport(file({ "trin-7-aarshjul": { januar: "" } }), C);
  assert.equal(r.ok, true);
  assert.deepEqual(r.worksheets, {});
});

test("rejections, each with its own message", () => {
  const big = new Uint8Array(C.limits.importBytes + 1).fill(0x20);
  expectError(readExport(big, C), /for stor/);
  // A damaged file, whatever the damage: one message a volunteer can act on.
  const DAMAGED = /^Filen kunne ikke læses\. Den er måske blevet ændret eller beskadiget undervejs\. Bed afsenderen om at eksportere den igen\./;
  expectError(readExport(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), C), DAMAGED);
  expectError(readExport(enc('{"a":"\uFFFD"}'), C), DAMAGED);
  expectError(readExport(enc("{not json"), C), DAMAGED);
  expectError(readExport(enc("[]"), C), /ikke en eksport fra ”Parat til private partnerskaber”/);
  expectError(readExport(enc("null"), C), /ikke en eksport/);
  expectError(readExport(enc({ format: "andet", version: 1, worksheets: {} }), C), /ikke en eksport/);
  for (const version of [0, -1, 1.5, "2", null]) {
    expectError(readExport(enc({ format: C.format, version, worksheets: {} }), C), DAMAGED);
  }
  expectError(readExport(enc({ format: C.format, worksheets: {} }), C), DAMAGED);
  const newer = readExport(enc({ format: C.format, version: C.version + 1, worksheets: {} }), C);
  expectError(newer, /nyere udgave af arbejdsarkene/);
  assert.match(newer.error, /Genindlæs siden/);
  for (const worksheets of [null, [], "x", 3]) expectError(readExport(file(worksheets), C), DAMAGED);
  expectError(readExport(file({ "trin-99-ukendt": { a: "b" } }), C), /svar til et arbejdsark, som denne side ikke kender/);
  const proto = `{"format":"${C.format}","version":2,"worksheets":{"__proto__":{"a":"b"}}}`;
  expectError(readExport(enc(proto), C), /svar til et arbejdsark, som denne side ikke kender/);
  const protoKey = `{"format":"${C.format}","version":2,"worksheets":{"trin-7-aarshjul":{"__proto__":"b"}}}`;
  expectError(readExport(enc(protoKey), C), /et svar i ”Årshjul”, som arket ikke kender/);
  expectError(readExport(file({ "trin-7-aarshjul": ["januar"] }), C), /Svarene til ”Årshjul” i filen kunne ikke læses/);
  expectError(readExport(file({ "trin-7-aarshjul": { trettende: "x" } }), C), /et svar i ”Årshjul”, som arket ikke kender/);
  expectError(readExport(file({ "trin-7-aarshjul": { januar: 5 } }), C), /”Januar” i ”Årshjul” er ikke tekst/);
  expectError(readExport(file({ "trin-7-aarshjul": { januar: "x".repeat(C.limits.valueChars + 1) } }), C), /”Januar” i ”Årshjul” er for langt/);
  const risk = C.worksheets["trin-4-risikoanalyse"];
  const bad = readExport(file({ "trin-4-risikoanalyse": { [risk.fields[0].key]: "Måske" } }), C);
  expectError(bad, /har en ugyldig værdi/);
  assert.ok(bad.error.startsWith(`”${risk.fields[0].label}” i ”Risikoanalyse” har en ugyldig værdi.`), bad.error);
  expectError(readExport(file({ "trin-4-risikoanalyse": { "egen-2": "Måske" } }), C), /^”Eget udsagn 2: vurdering” i ”Risikoanalyse” har en ugyldig værdi/);
  expectError(readExport(file({ "trin-7-kpi": { "raekke-1--maal": 1 } }), C), /^Svaret til ”Mål, række 1” i ”KPI.er for partnerskabet” er ikke tekst/);
  const checklist = C.worksheets["trin-1-hvem-leder-i-efter"];
  expectError(readExport(file({ "trin-1-hvem-leder-i-efter": { [checklist.fields[0].key]: "ja" } }), C), /ugyldig værdi/);
});

test("the whole file is checked: one bad field anywhere rejects it all", () => {
  const r = readExport(file({ "trin-7-aarshjul": { januar: "ok" }, "trin-7-kpi": { "raekke-1000--maal": "for mange" } }), C);
  expectError(r, /^Filen har flere end 999 tilføjede rækker i ”KPI’er for partnerskabet”\./);
  const r2 = readExport(file({ "trin-7-aarshjul": { januar: "ok" }, "trin-7-kpi": { "raekke-1--maal": 7 } }), C, { onlySheet: "trin-7-aarshjul" });
  expectError(r2, /er ikke tekst/);
});

test("onlySheet: a file without answers for that sheet says what it holds", () => {
  const r = readExport(file({ "trin-7-aarshjul": { januar: "x" }, "trin-7-kpi": { "raekke-1--maal": "M" } }), C, { onlySheet: "trin-4-risikoanalyse" });
  expectError(r, /^Filen indeholder ikke svar til ”Risikoanalyse” \(den indeholder svar til ”KPI’er for partnerskabet”, ”Årshjul”\)/);
  assert.deepEqual(Object.keys(C.worksheets).filter((id) => id === "trin-7-kpi" || id === "trin-7-aarshjul"), ["trin-7-kpi", "trin-7-aarshjul"], "titles in contract order");
  const empty = readExport(file({}), C, { onlySheet: "trin-4-risikoanalyse" });
  expectError(empty, /ingen svar/);
  const ok = readExport(file({ "trin-7-aarshjul": { januar: "x" }, "trin-7-kpi": { "raekke-1--maal": "M" } }), C, { onlySheet: "trin-7-kpi" });
  assert.deepEqual(ok.worksheets, { "trin-7-kpi": { "raekke-1--maal": "M" } });
});

test("imported rows are compacted", () => {
  const r = readExport(file({ "trin-7-kpi": { "raekke-4--maal": "A", "raekke-9--kpi": "B" } }), C);
  assert.deepEqual(r.worksheets, { "trin-7-kpi": { "raekke-1--maal": "A", "raekke-2--kpi": "B" } });
});

// Issue 12: the five pitfalls became the book's list (kind "list"). Answers ticked while they were a
// checklist stay readable: the contract keeps the old keys (retired), so old files still import
// and the answers still export.
test("answers to the pitfalls stored as a checklist still import and export", () => {
  const spec = C.worksheets["trin-5-faldgruber"];
  assert.equal(spec.kind, "list");
  assert.ok(spec.fields.length > 0 && spec.fields.every((f) => f.retired === true));
  const old = { "trin-5-faldgruber": { mistillid: C.checked, "mistillid--note": "Vi talte om det" } };
  const result = readExport(file(old), C);
  assert.ok(result.ok, result.error);
  assert.deepEqual(result.worksheets["trin-5-faldgruber"], old["trin-5-faldgruber"]);
  const again = makeExport(C, { name: "Test", worksheets: old, now: NOW });
  assert.deepEqual(again.worksheets["trin-5-faldgruber"], old["trin-5-faldgruber"]);
});
