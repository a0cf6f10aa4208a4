// Sharing by link (ark/core/share.js): codes, the payload, round trips of every worksheet kind
// through the export format, wrong codes, changed and cut-off links, size limits.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { contract } from "./contract.mjs";
import * as share from "../../overrides/assets/javascripts/ark/core/share.js";
import { makeExport, readExport } from "../../overrides/assets/javascripts/ark/core/exportfile.js";
import { rowKeys } from "../../overrides/assets/javascripts/ark/core/contract.js";

const C = contract();
const FAST = { iterations: 1000 }; // the codec under test; the real count has a test of its own
const NOW = new Date("2026-12-07T10:00:00Z");
const CODE = "solsikke-fyrtårn-kage-427";

function sample(field, i) {
  if (field.type === "check") return C.checked;
  if (field.type === "choice") return field.choices[i % field.choices.length];
  return `Svar ${i} – æøå "citat" 🙂\nlinje 2`;
}

function sheetAnswers(id, rows = 3) {
  const spec = C.worksheets[id];
  const a = {};
  spec.fields.forEach((f, i) => { a[f.key] = sample(f, i); });
  if (spec.rows) for (let n = 1; n <= rows; n++) rowKeys(spec, n).forEach((k, i) => { a[k] = sample(spec.rows.fields[i], n + i); });
  return a;
}

const exportText = (worksheets, name = "Foreningen") => JSON.stringify(makeExport(C, { name, worksheets, now: NOW }));
const payloadBytes = (token) => share.fromBase64url(token.split(".")[1]);
const tokenOf = (bytes) => `${share.VERSION}.${share.toBase64url(bytes)}`;

test("the word list: 256 distinct words, also with æ/ø/å folded, letters only", () => {
  assert.equal(share.WORDS.length, 256);
  assert.equal(new Set(share.WORDS.map(share.fold)).size, 256);
  share.WORDS.forEach((w) => assert.match(w, /^[a-zæøå]+$/));
  assert.ok(share.WORDS.includes("solsikke") && share.WORDS.includes("fyrtårn"));
});

test("key derivation and code parameters (changing them breaks every link made: a new VERSION)", () => {
  assert.equal(share.ITERATIONS, 600_000);
  assert.equal(share.SALT_BYTES, 16);
  assert.equal(share.IV_BYTES, 12);
  assert.equal(share.VERSION, "v1");
  assert.ok(share.CODE_BITS > 33.8 && share.CODE_BITS < 33.82, String(share.CODE_BITS));
  assert.equal(share.MAX_LINK_CHARS, 8000);
  assert.equal(share.MAX_QR_BYTES, 1200);
});

test("new codes: three listed words and a number 100–999, from the random source given", () => {
  for (let i = 0; i < 200; i++) {
    const code = share.newCode();
    const parts = code.split("-");
    assert.equal(parts.length, 4, code);
    parts.slice(0, 3).forEach((w) => assert.ok(share.WORDS.includes(w), w));
    assert.ok(+parts[3] >= 100 && +parts[3] <= 999, code);
    assert.ok(share.parseCode(code), code);
  }
  // A fixed source: bytes pick words; a 16-bit value at or above the rejection limit is drawn again.
  const draws = [new Uint8Array([0, 1, 255]), new Uint16Array([65535]), new Uint16Array([901])];
  const fixed = (into) => { into.set(draws.shift()); return into; };
  assert.equal(share.newCode(fixed), `${share.WORDS[0]}-${share.WORDS[1]}-${share.WORDS[255]}-101`);
});

test("codes are read as people type them", () => {
  const canonical = "solsikke-fyrtaarn-kage-427";
  for (const typed of [CODE, "Solsikke Fyrtårn Kage 427", "  solsikke–fyrtaarn-kage 427 ", "SOLSIKKE-FYRTÅRN-KAGE-427", "solsikke fyrta\u030arn kage 427"]) {
    assert.equal(share.parseCode(typed), canonical, typed);
  }
  for (const bad of ["", "solsikke-fyrtårn-427", "solsikke-fyrtårn-kage-99", "solsikke-fyrtårn-kage-1000", "solsikke-fyrtårn-kage-42x", "solsikke-ukendtord-kage-427", "solsikke-fyrtårn-kage-te-427", null]) {
    assert.equal(share.parseCode(bad), null, String(bad));
  }
});

test("base64url round trip at every length, and refusal of other characters", () => {
  for (let n = 0; n < 70; n++) {
    const bytes = crypto.getRandomValues(new Uint8Array(n));
    const text = share.toBase64url(bytes);
    assert.match(text, /^[A-Za-z0-9_-]*$/);
    assert.equal(text, Buffer.from(bytes).toString("base64url"));
    assert.deepEqual(share.fromBase64url(text), bytes);
  }
  assert.equal(share.fromBase64url("ab+c"), null);
  assert.equal(share.fromBase64url("abc="), null);
  assert.equal(share.fromBase64url("abcde"), null, "a length no encoding makes");
});

test("round trip of every worksheet kind (added rows, tables, two-party sheets, the årshjul), one sheet at a time and as a set", async () => {
  const all = {};
  for (const id of Object.keys(C.worksheets)) all[id] = sheetAnswers(id);
  const kinds = new Set(Object.values(C.worksheets).map((s) => s.kind));
  assert.deepEqual([...kinds].sort(), ["calendar", "checklist", "dialogue", "list", "perspectives", "questions", "risk", "table"]);
  for (const id of Object.keys(C.worksheets)) {
    const token = await share.seal(exportText({ [id]: all[id] }), CODE, FAST);
    const opened = await share.unseal(token, "Solsikke Fyrtaarn Kage 427", FAST);
    assert.equal(opened.ok, true, `${id}: ${opened.reason}`);
    const back = readExport(opened.bytes, C, { onlySheet: id });
    assert.equal(back.ok, true, back.error);
    assert.deepEqual(back.worksheets, { [id]: all[id] }, id);
    assert.equal(back.name, "Foreningen");
  }
  const token = await share.seal(exportText(all), CODE, FAST);
  const opened = await share.unseal(token, CODE, FAST);
  assert.deepEqual(readExport(opened.bytes, C).worksheets, all);
});

test("without CompressionStream the payload is stored uncompressed (flag 0) and still opens", async () => {
  const text = exportText({ "trin-7-aarshjul": { januar: "Kickoff" } });
  const plain = await share.seal(text, CODE, { ...FAST, compress: false });
  assert.equal(payloadBytes(plain)[0], 0);
  const packed = await share.seal(text, CODE, FAST);
  assert.equal(payloadBytes(packed)[0], 1);
  for (const token of [plain, packed]) {
    const r = await share.unseal(token, CODE, FAST);
    assert.equal(new TextDecoder().decode(r.bytes), text);
  }
});

test("the same text sealed twice differs (fresh salt and IV) and contains no answer in readable form", async () => {
  const secret = "Vores hemmelige budget er 40.000 kr";
  const text = exportText({ "trin-1-refleksion": { [C.worksheets["trin-1-refleksion"].fields[0].key]: secret } });
  const a = await share.seal(text, CODE, FAST);
  const b = await share.seal(text, CODE, FAST);
  assert.notEqual(a, b);
  const raw = Buffer.from(payloadBytes(a));
  assert.ok(!raw.includes(secret) && !a.includes(secret));
  assert.ok(!raw.includes(Buffer.from(secret).toString("base64").slice(0, 12)));
});

test("a wrong code, a changed payload or flag, and a cut-off link open nothing and never throw", async () => {
  const text = exportText({ "trin-7-aarshjul": { januar: "Kickoff", maj: "Evaluering" } });
  const token = await share.seal(text, CODE, FAST);
  assert.deepEqual(await share.unseal(token, "solsikke-fyrtårn-kage-428", FAST), { ok: false, reason: "wrong" });
  assert.deepEqual(await share.unseal(token, "ikke en kode", FAST), { ok: false, reason: "code" });
  const bytes = payloadBytes(token);
  for (const at of [0, 1, 20, 40, bytes.length - 1]) {
    const changed = bytes.slice();
    changed[at] ^= at === 0 ? 1 : 4; // the flags byte is additional data: flipping it is a change too
    const r = await share.unseal(tokenOf(changed), CODE, FAST);
    assert.equal(r.ok, false, `byte ${at}`);
    assert.equal(r.reason, "wrong", `byte ${at}`);
  }
  for (const cut of [token.slice(0, -1), token.slice(0, -5), token.slice(0, 20), "v1.", "v1", ""]) {
    const r = await share.unseal(cut, CODE, FAST);
    assert.equal(r.ok, false, cut);
    assert.ok(["wrong", "malformed"].includes(r.reason), `${cut}: ${r.reason}`);
  }
});

test("readFragment: only #del= is ours; broken or newer ones are said, never thrown", async () => {
  const token = await share.seal("{}", CODE, FAST);
  assert.deepEqual(share.readFragment(`#del=${token}`), { ok: true, token });
  assert.equal(share.readFragment("#trin-3-foer-moedet--gode-raad"), null);
  assert.equal(share.readFragment(""), null);
  assert.equal(share.readFragment("#delta"), null);
  assert.equal(share.isShareFragment("#del=%E0%A4%A"), true);
  for (const bad of ["#del=", "#del=v1.", "#del=v1.ab%", "#del=v1.abc", "#del=x1.abcd", "#del=%", "#del=v1.AAAA"]) {
    assert.deepEqual(share.readFragment(bad), { ok: false, reason: "malformed" }, bad);
  }
  assert.deepEqual(share.readFragment("#del=v2.AAAAAAAA"), { ok: false, reason: "newer" });
  const unknownFlag = payloadBytes(token);
  unknownFlag[0] = 2;
  assert.deepEqual(share.readFragment(`#del=${tokenOf(unknownFlag)}`), { ok: false, reason: "malformed" });
});

test("a link that inflates beyond the import limit is refused before it is read in full", async () => {
  const big = "a".repeat(200_000); // compresses to a few hundred bytes
  const token = await share.seal(big, CODE, FAST);
  assert.ok(token.length < 2000, String(token.length));
  assert.deepEqual(await share.unseal(token, CODE, { ...FAST, maxBytes: 100_000 }), { ok: false, reason: "tooBig" });
  assert.equal((await share.unseal(token, CODE, { ...FAST, maxBytes: 200_000 })).ok, true);
  const plain = await share.seal(big, CODE, { ...FAST, compress: false });
  assert.deepEqual(await share.unseal(plain, CODE, { ...FAST, maxBytes: 100_000 }), { ok: false, reason: "tooBig" });
});

test("the default iteration count is what a link is made and opened with", async () => {
  const token = await share.seal("{}", CODE);
  assert.equal((await share.unseal(token, CODE, FAST)).ok, false, "1,000 iterations do not open a 600,000 link");
  assert.equal((await share.unseal(token, CODE)).ok, true);
});

test("shareUrl replaces the page's own fragment; linkSize says what a link can be used for", async () => {
  const token = await share.seal("{}", CODE, FAST);
  assert.equal(share.shareUrl("https://x.dk/parat/arbejdsark/trin-7-kpi/#punkt", token), `https://x.dk/parat/arbejdsark/trin-7-kpi/#del=${token}`);
  const at = (n) => "https://x.dk/#del=v1." + "A".repeat(n - 21);
  assert.deepEqual(share.linkSize(at(1200)), { chars: 1200, qrBytes: 1200, link: true, qr: true });
  assert.deepEqual(share.linkSize(at(1201)), { chars: 1201, qrBytes: 1201, link: true, qr: false });
  assert.deepEqual(share.linkSize(at(8000)), { chars: 8000, qrBytes: 8000, link: true, qr: false });
  assert.equal(share.linkSize(at(8001)).link, false);
  assert.equal(share.linkSize("https://ø.dk/#del=v1.AAAA").qrBytes, "https://ø.dk/#del=v1.AAAA".length + 1, "QR bytes are UTF-8 bytes");
});

test("measured: the link of one filled sheet and of a whole set, in the book's own Danish prose (for the docs)", async () => {
  // Realistic answers compress like prose, not like repeated samples: consecutive slices of the manuscript.
  const words = readFileSync(new URL("../../source/parat-til-private-partnerskaber.txt", import.meta.url), "utf-8").split(/\s+/);
  let at = 1000;
  const prose = (n = 30) => words.slice(at, (at += n)).join(" "); // about 200 characters
  const filled = (id, rows) => {
    const spec = C.worksheets[id];
    const a = {};
    spec.fields.forEach((f, i) => { a[f.key] = f.type === "text" ? prose() : sample(f, i); });
    if (spec.rows) for (let n = 1; n <= rows; n++) rowKeys(spec, n).forEach((k, i) => { a[k] = spec.rows.fields[i].type === "text" ? prose(12) : sample(spec.rows.fields[i], n); });
    return a;
  };
  const page = "https://example.org/parat/arbejdsark/trin-1-refleksion/";
  const link = async (worksheets) => share.linkSize(share.shareUrl(page, await share.seal(exportText(worksheets), CODE, FAST)));
  const one = await link({ "trin-1-refleksion": filled("trin-1-refleksion", 0) });
  const kpi = await link({ "trin-7-kpi": filled("trin-7-kpi", 6) });
  const all = {};
  for (const id of Object.keys(C.worksheets)) all[id] = filled(id, 4);
  const set = await link(all);
  console.log(`share link (${page.length}-character page address): trin-1-refleksion, 12 answers of ~200 characters → ${one.chars} characters;`
    + ` KPI table, 6 rows → ${kpi.chars}; every field of all ${Object.keys(all).length} sheets → ${set.chars} (plaintext ${exportText(all).length} bytes)`);
  assert.ok(one.link && one.chars < set.chars);
});

test("the help page states the limits the code enforces", () => {
  const page = readFileSync(new URL("../../docs/saadan-gemmes-dine-svar.md", import.meta.url), "utf-8");
  const n = (x) => x.toLocaleString("da-DK");
  assert.ok(page.includes(`**${n(share.MAX_LINK_CHARS)} tegn**`), "link limit");
  assert.ok(page.includes(`**${n(share.MAX_QR_BYTES)} tegn**`), "QR limit");
});
