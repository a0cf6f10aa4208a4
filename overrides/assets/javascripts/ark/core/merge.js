/**
 * Merging two answer sets (e.g. mine and a partner's export) field by field.
 *
 * Rules: a field only one side has is taken silently; equal values are no conflict; fixed fields
 * with two different non-empty values are conflicts the person decides. Added rows (own risk
 * statements, KPI rows) never conflict: their rows that equal one of mine are dropped, the others
 * are appended after mine. So in the dialogue paper, party A's `--a` keys and party B's `--b`
 * keys merge without a single question.
 */
import { compactRows, fieldFor, filled, has, rowKeys, rowNumbers, sheetSpec } from "./contract.js";


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

function mergeSheet(C, sheetId, mine, theirs, conflicts) {
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
      conflicts.push({ sheet: sheetId, key: f.key, label: f.label, sheetTitle: spec.title, mine: merged[f.key], theirs: theirs[f.key], type: f.type, id: conflictId(sheetId, f.key) });
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
 * @param {object} C parsed contract
 * @param {Object<string, Object<string,string>>} mine {sheetId: {key: value}}
 * @param {Object<string, Object<string,string>>} theirs same shape
 * @returns {{merged: Object<string, Object<string,string>>, conflicts: Array<{sheet: string,
 *   key: string, label: string, sheetTitle: string, mine: string, theirs: string,
 *   type: "text"|"check"|"choice", id: string}>}} merged keeps mine's value in every conflict;
 *   conflicts are in contract order (sheets, then fields); id = conflictId(sheet, key)
 */
export function planMerge(C, mine, theirs) {
  const conflicts = [];
  const merged = {};
  const ids = [...Object.keys(C.worksheets)];
  for (const id of [...Object.keys(mine || {}), ...Object.keys(theirs || {})]) if (!ids.includes(id)) ids.push(id);
  for (const id of ids) {
    const a = has(mine, id) ? mine[id] || {} : {};
    const b = has(theirs, id) ? theirs[id] || {} : {};
    if (!Object.keys(a).length && !Object.keys(b).length) continue;
    const sheet = mergeSheet(C, id, a, b, conflicts);
    if (Object.keys(sheet).length) merged[id] = sheet;
  }
  return { merged, conflicts };
}

/**
 * Apply the person's decisions to a planned merge.
 * @param {{merged: object, conflicts: object[]}} plan from planMerge (not changed)
 * @param {Object<string,string>|Map<string,string>} [choices] conflictId → "mine" | "theirs" |
 *   "both"; missing or unknown → "mine". "both" joins text as `mine + "\n\n" + theirs`; check and
 *   choice fields cannot hold both, so "both" means "mine" there.
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
    else if (choice === "both" && c.type === "text") out[c.sheet][c.key] = c.mine + "\n\n" + c.theirs;
    else out[c.sheet][c.key] = c.mine;
  }
  return out;
}
