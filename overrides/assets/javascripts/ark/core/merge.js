/**
 * Merging two answer sets (e.g. mine and a partner's export) field by field.
 *
 * Rules: a field only one side has is taken silently; equal values are no conflict; fixed fields
 * with two different non-empty values are conflicts the person decides. Added rows (own risk
 * statements, KPI rows) never conflict: their rows that equal one of mine are dropped, the others
 * are appended after mine. So in the dialogue paper, party A's `--a` keys and party B's `--b`
 * keys merge without a single question.
 *
 * "Keep both" joins two texts the same way on both sides: each part under a line naming the set
 * it came from (”Foreningen” skrev:), parts in a fixed order (by set name, then text), so two
 * partners who merge each other's files end with the same text. A text that already holds the
 * other (a merge merged again, or the partner's merged file) is no conflict: the fuller one is
 * kept, and nothing is ever added twice.
 */
import { compactRows, fieldFor, filled, has, rowKeys, rowNumbers, sheetSpec } from "./contract.js";
import { T } from "./strings.js";

// A heading line of a joined text: T.mergePartHeading with the set's name ("”Fonden” skrev:").
const HEADING = (() => {
  const [before, after] = T.mergePartHeading("\u0000").split("\u0000");
  const esc = (x) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp("^" + esc(before) + "(.+)" + esc(after) + "$");
})();

/**
 * The parts of a text: a joined text ("”A” skrev:\n…\n\n”B” skrev:\n…") gives its parts, any
 * other text one part under `name`.
 * @returns {Array<{name: string, text: string}>}
 */
function parts(text, name) {
  const lines = text.split("\n");
  const m = HEADING.exec(lines[0]);
  if (!m) return [{ name, text }];
  /** @type {Array<{name: string, lines: string[]}>} */
  const out = [];
  /** @type {{name: string, lines: string[]}} */
  let current = { name: m[1], lines: [] };
  for (const line of lines.slice(1)) {
    const h = HEADING.exec(line);
    // A heading starts a part only after the blank line that ends the one before.
    if (h && current.lines.length && current.lines[current.lines.length - 1] === "") {
      current.lines.pop();
      out.push(current);
      current = { name: h[1], lines: [] };
    } else current.lines.push(line);
  }
  out.push(current);
  return out.map((p) => ({ name: p.name, text: p.lines.join("\n") }));
}

/**
 * Two texts joined for "Keep both", the same whichever side joins them: the parts of both (see
 * parts()), each text once, ordered by set name and then text, each under its heading line.
 * Without names (null) the texts are joined plainly, in a fixed order.
 * @param {{name: string|null, text: string}} a
 * @param {{name: string|null, text: string}} b
 * @returns {string}
 */
export function joinTexts(a, b) {
  if (a.name == null || b.name == null) return [a.text, b.text].sort().join("\n\n");
  const seen = new Map(); // text → part
  for (const p of [...parts(a.text, a.name), ...parts(b.text, b.name)]) {
    const before = seen.get(p.text);
    if (!before || p.name < before.name) seen.set(p.text, p);
  }
  const order = (x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : x.text < y.text ? -1 : x.text > y.text ? 1 : 0);
  return [...seen.values()].sort(order).map((p) => T.mergePartHeading(p.name) + "\n" + p.text).join("\n\n");
}


/**
 * The id of a conflict in the `choices` of applyMerge.
 * @param {string} sheet
 * @param {string} key
 * @returns {string} `${sheet}\u0000${key}`
 */
export function conflictId(sheet, key) {
  return sheet + "\u0000" + key;
}

// The values of added row n as one comparable string (missing fields count as "").
function rowContent(spec, answers, n) {
  return JSON.stringify(rowKeys(spec, n).map((k) => (filled(answers, k) ? answers[k] : "")));
}

function mergeSheet(C, sheetId, mine, theirs, conflicts, names) {
  const spec = sheetSpec(C, sheetId);
  if (!spec) {
    // A sheet this contract does not know (cannot come from readExport): keep mine, add theirs' rest.
    const out = { ...theirs, ...mine };
    return out;
  }
  const base = compactRows(spec, mine);
  const merged = { ...base };
  const isRowKey = (k) => fieldFor(C, sheetId, k) && !spec.fields.some((f) => f.key === k);
  for (const f of spec.fields) {
    if (!filled(theirs, f.key)) continue;
    if (!filled(merged, f.key)) merged[f.key] = theirs[f.key];
    else if (merged[f.key] !== theirs[f.key]) {
      const conflict = { sheet: sheetId, key: f.key, label: f.label, sheetTitle: spec.title, mine: merged[f.key], theirs: theirs[f.key], type: f.type, id: conflictId(sheetId, f.key) };
      if (f.type === "text") {
        conflict.both = joinTexts({ name: names.mine, text: conflict.mine }, { name: names.theirs, text: conflict.theirs });
        if (conflict.both === conflict.mine) continue; // mine already holds theirs
        if (conflict.both === conflict.theirs) { merged[f.key] = conflict.theirs; continue; } // theirs holds mine
      }
      conflicts.push(conflict);
    }
  }
  // Any other key theirs has that is neither fixed nor a row key: take it when mine lacks it.
  for (const k of Object.keys(theirs)) {
    if (!filled(merged, k) && filled(theirs, k) && !spec.fields.some((f) => f.key === k) && !isRowKey(k)) merged[k] = theirs[k];
  }
  if (spec.rows) {
    const seen = new Set(rowNumbers(spec, base).map((n) => rowContent(spec, base, n)));
    let next = rowNumbers(spec, base).length;
    for (const n of rowNumbers(spec, theirs)) {
      const content = rowContent(spec, theirs, n);
      if (seen.has(content)) continue;
      seen.add(content);
      next += 1;
      const from = rowKeys(spec, n);
      const to = rowKeys(spec, next);
      from.forEach((k, i) => { if (filled(theirs, k)) merged[to[i]] = theirs[k]; });
    }
  }
  return merged;
}

/**
 * Plan a merge of two answer sets without changing either.
 * @param {import("./contract.js").Contract} C parsed contract
 * @param {Object<string, Object<string,string>>} mine {sheetId: {key: value}}
 * @param {Object<string, Object<string,string>>} theirs same shape
 * @param {{mine?: string|null, theirs?: string|null}} [names] the two sets' names, which head
 *   each part of a text kept both ways (joinTexts); without them texts are joined plainly
 * @returns {{merged: Object<string, Object<string,string>>, conflicts: Array<{sheet: string,
 *   key: string, label: string, sheetTitle: string, mine: string, theirs: string,
 *   type: "text"|"check"|"choice", id: string, both?: string}>}} merged keeps mine's value in
 *   every conflict; conflicts are in contract order (sheets, then fields); id =
 *   conflictId(sheet, key); both (text only): the joined text "both" gives. A text that already
 *   holds the other's is no conflict (the fuller one is taken).
 */
export function planMerge(C, mine, theirs, names = {}) {
  const who = { mine: names.mine ?? null, theirs: names.theirs ?? null };
  const conflicts = [];
  const merged = {};
  const ids = [...Object.keys(C.worksheets)];
  for (const id of [...Object.keys(mine || {}), ...Object.keys(theirs || {})]) if (!ids.includes(id)) ids.push(id);
  for (const id of ids) {
    const a = has(mine, id) ? mine[id] || {} : {};
    const b = has(theirs, id) ? theirs[id] || {} : {};
    if (!Object.keys(a).length && !Object.keys(b).length) continue;
    const sheet = mergeSheet(C, id, a, b, conflicts, who);
    if (Object.keys(sheet).length) merged[id] = sheet;
  }
  return { merged, conflicts };
}

/**
 * Apply the person's decisions to a planned merge.
 * @param {ReturnType<typeof planMerge>} plan from planMerge (not changed)
 * @param {Object<string,string>|Map<string,string>} [choices] conflictId → "mine" | "theirs" |
 *   "both"; missing or unknown → "mine". "both" joins text as joinTexts does (the conflict's
 *   `both`); check and choice fields cannot hold both, so "both" means "mine" there.
 * @returns {Object<string, Object<string,string>>} new answers {sheetId: {key: value}}
 */
export function applyMerge(plan, choices = {}) {
  const out = {};
  for (const [id, answers] of Object.entries(plan.merged)) out[id] = { ...answers };
  const pick = (id) => (choices instanceof Map ? choices.get(id) : has(choices, id) ? choices[id] : undefined);
  for (const c of plan.conflicts) {
    const choice = pick(conflictId(c.sheet, c.key));
    if (!out[c.sheet]) out[c.sheet] = {};
    if (choice === "theirs") out[c.sheet][c.key] = c.theirs;
    else if (choice === "both" && c.type === "text") out[c.sheet][c.key] = c.both ?? joinTexts({ name: null, text: c.mine }, { name: null, text: c.theirs });
    else out[c.sheet][c.key] = c.mine;
  }
  return out;
}
