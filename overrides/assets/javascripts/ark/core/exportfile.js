/**
 * Export files: making them, naming them and reading them back.
 *
 * File shape (version 2): {format: C.format, version: 2, name: "<answer set name>",
 *   exported: "<ISO time>", worksheets: {sheetId: {key: value}}}.
 * Version 1 files (the old arbejdsark.js) have no name and may hold "_rows": "<digits>" per sheet,
 * the old counter of added rows; it is accepted and dropped (the rows are found from their keys).
 */
import { T } from "./strings.js";
import { checkValue, compactRows, fieldFor, has, rowKeyInfo, rowNumbers, rowKeys, sheetSpec } from "./contract.js";

const isPlainObject = (x) => x !== null && typeof x === "object" && !Array.isArray(x);
const OLD_ROW_COUNTER = "_rows";

/**
 * One sheet's answers in a stable order (fixed fields in contract order, then added rows by
 * number), keeping only what readExport accepts, so every export can be imported again.
 * Unknown keys and invalid values (possible in very old or migrated data) are left out.
 */
function exportableSheet(C, sheetId, answers) {
  const spec = /** @type {import("./contract.js").SheetSpec} */ (sheetSpec(C, sheetId)); // sheetId is one of C's
  const out = {};
  const take = (key) => {
    if (!has(answers, key) || has(out, key)) return;
    const field = fieldFor(C, sheetId, key);
    if (field && checkValue(field, answers[key], C)) out[key] = answers[key];
  };
  spec.fields.forEach((f) => take(f.key));
  rowNumbers(spec, answers).forEach((n) => rowKeys(spec, n).forEach(take));
  return compactRows(spec, out);
}

/**
 * The object to save as an export file (JSON.stringify it; the caller makes the download).
 * Sheets are in contract order; empty values, empty sheets, unknown sheets and keys, and values
 * the contract does not allow are left out.
 * @param {import("./contract.js").Contract} C parsed contract
 * @param {{name?: string|null, worksheets?: Object<string, Object<string,string>>, now?: Date}} args
 * @returns {{format: string, version: number, name: string|null, exported: string,
 *   worksheets: Object<string, Object<string,string>>}}
 */
export function makeExport(C, { name = null, worksheets = {}, now = new Date() } = {}) {
  const out = {};
  for (const sheetId of Object.keys(C.worksheets)) {
    if (!has(worksheets, sheetId)) continue;
    const answers = exportableSheet(C, sheetId, worksheets[sheetId] || {});
    if (Object.keys(answers).length) out[sheetId] = answers;
  }
  return { format: C.format, version: C.version, name: typeof name === "string" && name !== "" ? name : null, exported: now.toISOString(), worksheets: out };
}

/**
 * A file-name-safe form of a name: lower-case ASCII letters, digits and single "-".
 * æ→ae, ø→oe, å→aa; other accented letters lose their accent (é→e); everything else → "-".
 * @param {string|null} s
 * @returns {string} possibly "" (e.g. for "!!!")
 */
export function slug(s) {
  return String(s || "")
    .toLowerCase()
    .replace(/æ/g, "ae").replace(/ø/g, "oe").replace(/å/g, "aa")
    .normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** "2026-11-29" for a Date (the person's local date) or a string given as such. */
function isoDay(date) {
  if (typeof date === "string") return date;
  const d = date || new Date();
  const p = (n) => String(n).padStart(2, "0");
  return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate());
}

/**
 * Download names, one place for all: an export (`arbejdsark-<set>-<sheetId or "alle">-<date>.json`),
 * one sheet's copy with answers (`<sheetId>-med-svar-<date>.pdf|.docx`) and a whole set's
 * (`alle-svar-<set>-<date>.pdf|.docx`). Set names are slugged; an empty slug is left out.
 * @param {"export"|"copy"} kind
 * @param {{name?: string|null, sheetId?: string|null, date: Date|string, ext?: "pdf"|"docx"|"json"}} what
 * @returns {string} e.g. "arbejdsark-mit-partnerskab-alle-2026-11-29.json", "trin-7-kpi-med-svar-2026-11-29.pdf"
 */
export function fileName(kind, { name = null, sheetId = null, date, ext = "json" }) {
  if (kind === "export") return ["arbejdsark", slug(name), sheetId || "alle", isoDay(date)].filter((x) => x).join("-") + ".json";
  if (sheetId) return `${sheetId}-med-svar-${isoDay(date)}.${ext}`;
  return ["alle-svar", slug(name), isoDay(date)].filter((x) => x).join("-") + "." + ext;
}

/** @type {(error: string) => {ok: false, error: string}} */
const fail = (error) => ({ ok: false, error });

/**
 * The text encoding of a file: UTF-16 when it starts with a UTF-16 byte order mark (Notepad's
 * "Unicode" and "Unicode big endian" save so; the mark makes it unambiguous), else UTF-8 (with
 * or without its own mark).
 * @param {Uint8Array} data
 * @returns {"utf-16le"|"utf-16be"|"utf-8"}
 */
function encodingOf(data) {
  if (data[0] === 0xff && data[1] === 0xfe) return "utf-16le";
  if (data[0] === 0xfe && data[1] === 0xff) return "utf-16be";
  return "utf-8";
}

/**
 * Read and check a whole export file before anything is changed.
 * @param {Uint8Array|ArrayBuffer} bytes the file's contents
 * @param {import("./contract.js").Contract} C parsed contract
 * @param {{onlySheet?: string}} [options] import into one worksheet: the file must hold answers
 *   for it, and only its answers are returned (the rest of the file is still checked)
 * @returns {{ok: true, name: string|null, version: number, worksheets: Object<string, Object<string,string>>}
 *   | {ok: false, error: string}} worksheets: only sheets with answers, empty values dropped,
 *   added rows renumbered 1…N; error: a Danish sentence ending with "Intet er ændret."
 *   Never throws for bad input.
 */
export function readExport(bytes, C, { onlySheet } = {}) {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (data.byteLength > C.limits.importBytes) return fail(T.tooBig);
  let text;
  try {
    // fatal: broken text is an error instead of U+FFFD; the BOM is stripped by default.
    text = new TextDecoder(encodingOf(data), { fatal: true }).decode(data);
  } catch {
    return fail(T.damaged);
  }
  // A U+FFFD in valid UTF-8 means the file was already damaged by an earlier conversion.
  if (text.includes("\uFFFD")) return fail(T.damaged);
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    return fail(T.damaged);
  }
  if (!isPlainObject(json) || json.format !== C.format) return fail(T.foreign);
  const version = json.version;
  if (!Number.isInteger(version) || version < 1) return fail(T.damaged);
  if (version > C.version) return fail(T.newer);
  if (!isPlainObject(json.worksheets)) return fail(T.damaged);
  const name = typeof json.name === "string" && json.name.trim() !== "" ? json.name.trim() : null;
  if (onlySheet !== undefined && !sheetSpec(C, onlySheet)) return fail(T.unknownSheet);

  const result = {};
  for (const sheetId of Object.keys(json.worksheets)) {
    const spec = sheetSpec(C, sheetId);
    if (!spec) return fail(T.unknownSheet);
    const entries = json.worksheets[sheetId];
    if (!isPlainObject(entries)) return fail(T.badSheet(spec.title));
    const answers = {};
    for (const key of Object.keys(entries)) {
      const value = entries[key];
      if (key === OLD_ROW_COUNTER && version === 1 && typeof value === "string" && /^[0-9]{1,3}$/.test(value)) continue;
      const field = fieldFor(C, sheetId, key);
      const label = field ? field.label : null;
      if (typeof value !== "string") return fail(field ? T.notString(label, spec.title) : T.unknownField(spec.title));
      if (!field) return fail(rowKeyInfo(spec, key) ? T.tooManyRows(spec.title, C.limits.rows) : T.unknownField(spec.title));
      if (value === "") continue;
      if (value.length > C.limits.valueChars) return fail(T.tooLong(label, spec.title));
      if (!checkValue(field, value, C)) return fail(T.invalidValue(label, spec.title));
      answers[key] = value;
    }
    const compact = compactRows(spec, answers);
    if (Object.keys(compact).length) result[sheetId] = compact;
  }

  if (onlySheet !== undefined) {
    if (!has(result, onlySheet)) {
      const found = Object.keys(C.worksheets).filter((id) => has(result, id)).map((id) => C.worksheets[id].title);
      return fail(T.wrongSheet(C.worksheets[onlySheet].title, found));
    }
    return { ok: true, name, version, worksheets: { [onlySheet]: result[onlySheet] } };
  }
  return { ok: true, name, version, worksheets: result };
}

