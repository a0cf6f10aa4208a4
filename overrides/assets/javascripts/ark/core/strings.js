/**
 * The worksheets' Danish sentences, from the site's one strings file (overrides/assets/strings/
 * da.json, also read by the templates and pdfbuild; macros/strings.py says its rules). This module
 * writes no sentence: it fills the file's `{name}` placeholders and picks {one, other} by `n`.
 *
 * Messages name things by what a person sees (sheet titles, field labels from the contract),
 * never by internal keys such as "_rows" or "raekke-1--maal", ids, file formats or version numbers:
 * a key or sheet the contract does not know is described, not quoted.
 */
import S from "../../../strings/da.json" with { type: "json" };
import { fill } from "../../fill.js";

/** The string at a dotted key ("ark.cleared") with its `{name}` placeholders filled from `params`. */
export function t(key, params = {}) {
  const value = key.split(".").reduce((node, part) => (node && typeof node === "object" ? node[part] : undefined), S);
  return fill(value, params, key);
}

const a = (key, params) => t("ark." + key, params);
const time = (date) => date.toLocaleTimeString("da-DK", { hour: "2-digit", minute: "2-digit" });

/**
 * The placeholders of each "ark" message in the order its call sites pass them: T.tooManyRows(title,
 * max) fills {title} and {max}. Messages that need more than filling are functions in T below.
 */
const ARGS = [
  // [messages, their placeholders in the order of the call's arguments]
  ["unsaved mergeConflicts setSheets", "n"],
  ["confirmClear badSheet unknownField", "title"],
  ["exported confirmDeleteSet setDeleted setSwitched downloaded pdfUndrawable importedSetName setCreated setRenamed promptRename", "name"],
  ["progress pageOf presentCounter pdfProgress", "n total"],
  ["tooManyRows", "title max"],
  ["nameShortened rowLimit", "max"],
  ["pasteCut", "n max"],
  ["setGoneElsewhere continueIn mergePartHeading", "name"],
  ["nameTaken", "name"],
  ["invalidValue notString tooLong", "label title"],
  ["restoredFrom mergedWithChoices", "n set"],
  ["setChangedElsewhere importMerge mergedSilently confirmClearAll clearedAll summaryEmpty", "set"],
  ["importTitle", "file"],
  ["setProgress", "started total"],
  ["presentTitle", "what"],
  ["presentQr", "nr"],
  ["coverLine", "line page"],
  ["lastExported", "set date"],
  ["neverExported", "set"],
  ["exportReminder", "days"],
];

/**
 * The worksheets' messages by name: a string, or a function of the values it names (in the order
 * the call sites pass them). Plain strings are every "ark" entry without placeholders.
 * Typed `any` for the type check: which names are functions is decided at run time (ARGS above);
 * tests/js/strings.test.mjs checks every name against the strings file.
 * @type {Record<string, any>}
 */
export const T = {
  ...Object.fromEntries(Object.entries(S.ark).filter(([, v]) => typeof v === "string" && !/\{\w+\}/.test(v))),
  wrongSheet: (title, found) =>
    found && found.length
      ? a("wrongSheet", { title, found: found.map((text) => t("common.quoted", { text })).join(t("common.comma")) })
      : a("wrongSheetEmpty", { title }),
  savedIn: (set, date) => a("savedIn", { time: time(date) }), // the line above the status names the set
  importSummary: (n, titles, name, fromLink = false) => // a shared link (share.js) or a file
    a(fromLink ? "importSummaryLink" : "importSummary", {
      answers: a("answerCount", { n }),
      sheets: titles.length === 1 ? t("common.quoted", { text: titles[0] }) : a("sheetCount", { n: titles.length }),
      from: name ? a("fromSet", { name }) : "",
    }),
  setDelete: t("common.delete"),
  importedSetDated: (date) => a("importedSetDated", { date: date.toLocaleDateString("da-DK") }),
  importedAsNew: (n, set) => a("importedAsNew", { answers: a("answerCount", { n }), set }),
  mergeTitle: (set) => a("importMerge", { set }), // the dialog is titled as its button
  pdfTitle: (name) => a("pdfTitle", { name: name || a("unnamed") }),
};

for (const [keys, names] of ARGS) {
  for (const key of keys.split(" ")) {
    T[key] = (...values) => a(key, Object.fromEntries(names.split(" ").map((name, i) => [name, values[i]])));
  }
}

/** "2026-11-29" (or a Date) → "29. november 2026" (printed sheets, copies); anything else as given. */
export function danishDate(date) {
  if (!date) return "";
  const d = date instanceof Date ? date : /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(date + "T12:00:00") : null;
  return d && !isNaN(d.getTime()) ? d.toLocaleDateString("da-DK", { day: "numeric", month: "long", year: "numeric" }) : String(date);
}
