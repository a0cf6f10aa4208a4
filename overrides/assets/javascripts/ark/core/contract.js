/**
 * Pure functions over the parsed key contract `C` (the published assets/arbejdsark/kontrakt.json,
 * made by macros/contract.py). Nothing here knows about the DOM or storage.
 *
 * Shapes used below (see macros/contract.py for the source of truth):
 *   C     = {format, version, placeholders: {row: "{row}", n: "{n}"}, checked: "1",
 *            limits: {importBytes, valueChars, rows}, worksheets: {sheetId: Spec}}
 *   Spec  = {title, kind, step, url, pdf, fields: Field[], rows: RowPattern|null, table: Table|null}
 *   Field = {key, label, type: "text"|"check"|"choice", choices?, note?, group?}
 *   RowPattern = {prefix: "egen"|"raekke", label: "Række {n}", printed, fields: Field[]}
 *     – added row n has the keys of `fields` with "{row}" replaced by "<prefix>-<n>",
 *       n = 1 … C.limits.rows without leading zeros (`egen-2--tekst`, `egen-2`, `raekke-1--maal`).
 *   Answers = {key: value} – one worksheet's stored values (strings).
 */

// The placeholders are fixed by the contract (C.placeholders); functions that are not given C
// (rowKeys, rowNumbers, …) use these, and the tests check that they agree with the contract.
/**
 * The published contract's shape (macros/contract.py contract_json), for the type check (tsc).
 * @typedef {{key: string, label: string, type: "text" | "choice" | "check", group?: string,
 *   choices?: string[], note?: boolean, retired?: boolean}} Field
 * @typedef {{prefix: string, label: string, printed: number, fields: Field[]}} Rows
 * @typedef {{text?: string, key?: string}} Cell
 * @typedef {{columns: string[], rows: Cell[][], added: Cell[]}} Table
 * @typedef {{title: string, kind: string, step: string | null, url: string, pdf: string,
 *   fields: Field[], rows: Rows | null, table: Table | null}} SheetSpec
 * @typedef {{format: string, version: number, placeholders: {row: string, n: string}, checked: string,
 *   limits: {importBytes: number, valueChars: number, rows: number},
 *   header: {key: string, name: string, label: string}[], worksheets: Record<string, SheetSpec>}} Contract
 * @typedef {Record<string, string>} Answers one sheet's answers: key → value
 */

export const ROW = "{row}";
// The contract version this code reads and stores (C.version; the storage keys' "ppp:v2:").
export const VERSION = 2;

/**
 * The name of added row n, which fills {row} in the row's keys: "egen-3" (macros/contract.py
 * Rows.row_name writes the same on the Python side; rowKeyInfo reads it back).
 * @param {string} prefix the sheet's row prefix (spec.rows.prefix, the form's data-ark-rows)
 * @param {number} n the row's number, from 1
 * @returns {string}
 */
export const rowName = (prefix, n) => `${prefix}-${n}`;
const NUM = "{n}";

/** Own property k of o (never one from the prototype: keys come from files people import). */
export const has = (o, k) => o != null && Object.prototype.hasOwnProperty.call(o, k);
/** An answer is there: a non-empty string under key k. */
export const filled = (o, k) => has(o, k) && typeof o[k] === "string" && o[k] !== "";

/**
 * The contract of one worksheet.
 * @param {Contract} C parsed contract
 * @param {string} sheetId
 * @returns {SheetSpec|null} the Spec, or null for an unknown id
 */
export function sheetSpec(C, sheetId) {
  return C && has(C.worksheets, sheetId) ? C.worksheets[sheetId] : null;
}

// Per-spec lookup tables, built once: fixed key → field, and the split row-field patterns.
const cache = new WeakMap();
function index(spec) {
  let ix = cache.get(spec);
  if (!ix) {
    const fixed = new Map(spec.fields.map((f) => [f.key, f]));
    const patterns = spec.rows
      ? spec.rows.fields.map((f) => {
          const at = f.key.indexOf(ROW);
          return { field: f, before: f.key.slice(0, at), after: f.key.slice(at + ROW.length) };
        })
      : [];
    ix = { fixed, patterns };
    cache.set(spec, ix);
  }
  return ix;
}

/**
 * Which added row a key belongs to.
 * @param {SheetSpec} spec
 * @param {string} key
 * @param {number} [maxRows] highest allowed row number (C.limits.rows); unlimited when omitted
 * @returns {{n: number, index: number, field: Field}|null} row number, the index of the row
 *   field in spec.rows.fields and that (unexpanded) field; null when the key is no added-row key
 */
export function rowKeyInfo(spec, key, maxRows = Infinity) {
  if (!spec || !spec.rows || typeof key !== "string") return null;
  const head = spec.rows.prefix + "-"; // rowName without its number
  const { patterns } = index(spec);
  for (let i = 0; i < patterns.length; i++) {
    const p = patterns[i];
    if (!key.startsWith(p.before + head) || !key.endsWith(p.after)) continue;
    const digits = key.slice(p.before.length + head.length, key.length - p.after.length);
    if (!/^[1-9][0-9]*$/.test(digits)) continue;
    const n = Number(digits);
    if (n <= maxRows) return { n, index: i, field: p.field };
  }
  return null;
}

/**
 * A row field's key, label or group for added row n: "{row}" → name ("egen-3"), "{n}" → n.
 * @param {string} s @param {string} name @param {number|string} num
 */
export function expand(s, name, num) {
  return typeof s === "string" ? s.split(ROW).join(name).split(NUM).join(String(num)) : s;
}

/**
 * The field a key names, for fixed keys and added-row keys alike.
 * For added rows, "{row}" → "<prefix>-<n>" and "{n}" → n in key, label and group; the group of
 * an added-row field is the row's label ("Række 3").
 * @param {Contract} C
 * @param {string} sheetId
 * @param {string} key
 * @returns {Field|null}
 *   null for an unknown sheet or key (also for row numbers above C.limits.rows)
 */
export function fieldFor(C, sheetId, key) {
  const spec = sheetSpec(C, sheetId);
  if (!spec) return null;
  const fixed = index(spec).fixed.get(key);
  if (fixed) return fixed;
  const info = rowKeyInfo(spec, key, C.limits.rows);
  if (!info || !spec.rows) return null; // info means rows; said again for the type check
  const name = rowName(spec.rows.prefix, info.n);
  const num = String(info.n);
  const f = info.field;
  const out = { key, label: expand(f.label, name, num), type: f.type, group: expand(f.group || spec.rows.label, name, num) };
  if (f.choices) out.choices = f.choices;
  if (f.note) out.note = true;
  return out;
}

/**
 * Whether a value may be stored in a field. Empty strings are never valid (empty = absent).
 * @param {Field} field from fieldFor
 * @param {*} value
 * @param {Contract} C for C.limits.valueChars and C.checked
 * @returns {boolean} a non-empty string of at most valueChars characters that fits the type:
 *   text: anything; check: exactly C.checked; choice: one of field.choices
 */
export function checkValue(field, value, C) {
  if (!field || typeof value !== "string" || value === "" || value.length > C.limits.valueChars) return false;
  if (field.type === "check") return value === C.checked;
  if (field.type === "choice") return Array.isArray(field.choices) && field.choices.includes(value);
  return field.type === "text";
}

/**
 * The numbers of the added rows that hold at least one key in `answers`.
 * @param {SheetSpec} spec
 * @param {Answers} answers {key: value}
 * @returns {number[]} ascending, without duplicates ([] for a sheet without added rows)
 */
export function rowNumbers(spec, answers) {
  const seen = new Set();
  for (const key of Object.keys(answers || {})) {
    const info = rowKeyInfo(spec, key);
    if (info) seen.add(info.n);
  }
  return [...seen].sort((a, b) => a - b);
}

/**
 * The storage keys of added row n, in the order of spec.rows.fields.
 * @param {SheetSpec} spec
 * @param {number} n
 * @returns {string[]} e.g. ["egen-2--tekst", "egen-2"]; [] for a sheet without added rows
 */
export function rowKeys(spec, n) {
  if (!spec || !spec.rows) return [];
  const name = rowName(spec.rows.prefix, n);
  return spec.rows.fields.map((f) => f.key.split(ROW).join(name));
}

// Copy `answers`, renumbering added rows through `renumber(n)` (a number, or null to drop the row).
function renumberRows(spec, answers, renumber) {
  const out = {};
  for (const [key, value] of Object.entries(answers || {})) {
    const info = rowKeyInfo(spec, key);
    if (!info) { out[key] = value; continue; }
    const m = renumber(info.n);
    if (m != null) out[rowKeys(spec, m)[info.index]] = value;
  }
  return out;
}

/**
 * Remove added row n; the rows above it move down by one, so rows stay 1…N without gaps.
 * @param {SheetSpec} spec
 * @param {Answers} answers {key: value} (not changed)
 * @param {number} n
 * @returns {Answers} a new answers object; keys that are not added-row keys are untouched
 */
export function deleteRow(spec, answers, n) {
  return renumberRows(spec, answers, (m) => (m < n ? m : m === n ? null : m - 1));
}

/**
 * Renumber the added rows 1…N in their order (after a merge, an import or a v1 migration).
 * @param {SheetSpec} spec
 * @param {Answers} answers {key: value} (not changed)
 * @returns {Answers} a new answers object
 */
export function compactRows(spec, answers) {
  const order = new Map(rowNumbers(spec, answers).map((n, i) => [n, i + 1]));
  return renumberRows(spec, answers, (m) => order.get(m));
}

/**
 * Whether a worksheet has anything to fill in: not the book's plain lists (the five pitfalls),
 * whose only fields are the retired keys of the checklist they once were.
 * @param {SheetSpec} spec
 * @returns {boolean}
 */
export function fillable(spec) {
  return spec.fields.some((f) => !f.retired) || Boolean(spec.rows);
}

/**
 * How far a worksheet is filled in.
 * @param {SheetSpec} spec
 * @param {Answers} answers {key: value}
 * @returns {{done: number, total: number, started: boolean}} total = fixed fields that are not
 *   notes; done = those with a value; started = any value at all (notes and added rows count)
 */
export function progress(spec, answers) {
  const a = answers || {};
  const counted = spec.fields.filter((f) => !f.note);
  const done = counted.filter((f) => has(a, f.key) && a[f.key] !== "").length;
  const started = Object.values(a).some((v) => typeof v === "string" && v !== "");
  return { done, total: counted.length, started };
}
