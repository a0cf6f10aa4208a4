/**
 * The worksheets' Danish sentences, from the site's one strings file (overrides/assets/strings/
 * da.json, also read by the templates and pdfbuild; macros/strings.py says its rules). This module
 * writes no sentence: it fills the file's `{name}` placeholders and picks {one, other} by `n`.
 *
 * Messages name things by what a person sees (sheet titles, field labels from the contract),
 * never by internal keys such as "_rows" or "raekke-1--maal". The one exception is a key the
 * person's own file contains and the contract does not know: it is shown quoted, as the file's text.
 */
import S from "../../../strings/da.json" with { type: "json" };

/** The string at a dotted key ("ark.cleared") with its `{name}` placeholders filled from `params`. */
export function t(key, params = {}) {
  let value = key.split(".").reduce((node, part) => (node && typeof node === "object" ? node[part] : undefined), S);
  if (value && typeof value === "object" && "other" in value) value = params.n === 1 ? value.one : value.other;
  if (typeof value !== "string") throw new Error(`no interface string "${key}"`);
  return value.replace(/\{(\w+)\}/g, (_, name) => {
    if (!(name in params)) throw new Error(`interface string "${key}" needs {${name}}`);
    return String(params[name]);
  });
}

const a = (key, params) => t("ark." + key, params);
const time = (date) => date.toLocaleTimeString("da-DK", { hour: "2-digit", minute: "2-digit" });

/**
 * The worksheets' messages by name: a string, or a function of the values it names (in the order
 * the call sites pass them). Plain strings are every "ark" entry without placeholders.
 * @type {Record<string, string | ((...args: any[]) => string)>}
 */
export const T = {
  ...Object.fromEntries(Object.entries(S.ark).filter(([, v]) => typeof v === "string" && !/\{\w+\}/.test(v))),
  unsaved: (n) => a("unsaved", { n }),
  confirmClear: (title) => a("confirmClear", { title }),
  exported: (name) => a("exported", { name }),
  progress: (n, total) => a("progress", { n, total }),
  confirmDeleteSet: (name) => a("confirmDeleteSet", { name }),
  setDeleted: (name) => a("setDeleted", { name }),
  setSwitched: (name) => a("setSwitched", { name }),
  newer: (v) => a("newer", { v }),
  unknownSheet: (id) => a("unknownSheet", { id }),
  badSheet: (title) => a("badSheet", { title }),
  unknownField: (key, title) => a("unknownField", { key, title }),
  tooManyRows: (title, max) => a("tooManyRows", { title, max }),
  invalidValue: (label, title) => a("invalidValue", { label, title }),
  notString: (label, title) => a("notString", { label, title }),
  tooLong: (label, title) => a("tooLong", { label, title }),
  wrongSheet: (title, found) =>
    found && found.length
      ? a("wrongSheet", { title, found: found.map((text) => t("common.quoted", { text })).join(t("common.comma")) })
      : a("wrongSheetEmpty", { title }),
  mergeConflicts: (n) => a("mergeConflicts", { n }),
  savedIn: (set, date) => a("savedIn", { time: time(date) }), // the line above the status names the set
  restoredFrom: (n, set) => a("restoredFrom", { n, set }),
  setChangedElsewhere: (set) => a("setChangedElsewhere", { set }),
  downloaded: (name) => a("downloaded", { name }),
  importTitle: (file) => a("importTitle", { file }),
  importSummary: (n, titles, name) =>
    a("importSummary", {
      answers: a("answerCount", { n }),
      sheets: titles.length === 1 ? t("common.quoted", { text: titles[0] }) : a("sheetCount", { n: titles.length }),
      from: name ? a("fromSet", { name }) : "",
    }),
  importMerge: (set) => a("importMerge", { set }),
  setDelete: t("common.delete"),
  importedSetName: (name) => a("importedSetName", { name }),
  importedSetDated: (date) => a("importedSetDated", { date: date.toLocaleDateString("da-DK") }),
  importedAsNew: (n, set) => a("importedAsNew", { answers: a("answerCount", { n }), set }),
  mergeTitle: (set) => a("importMerge", { set }), // the dialog is titled as its button
  mergedSilently: (set) => a("mergedSilently", { set }),
  mergedWithChoices: (n, set) => a("mergedWithChoices", { n, set }),
  setSheets: (n) => a("setSheets", { n }),
  setProgress: (started, total) => a("setProgress", { started, total }),
  setCreated: (name) => a("setCreated", { name }),
  setRenamed: (name) => a("setRenamed", { name }),
  promptRename: (name) => a("promptRename", { name }),
  confirmClearAll: (set) => a("confirmClearAll", { set }),
  clearedAll: (set) => a("clearedAll", { set }),
  summaryEmpty: (set) => a("summaryEmpty", { set }),
  pdfTitle: (name) => a("pdfTitle", { name: name || a("unnamed") }),
  pageOf: (n, total) => a("pageOf", { n, total }), // as the PDFs print it (pdfbuild/css/base.css)
  presentTitle: (what) => a("presentTitle", { what }),
  presentCounter: (n, total) => a("presentCounter", { n, total }),
  presentQr: (nr) => a("presentQr", { nr }),
};

/** "2026-11-29" (or a Date) → "29. november 2026" (printed sheets, copies); anything else as given. */
export function danishDate(date) {
  if (!date) return "";
  const d = date instanceof Date ? date : /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(date + "T12:00:00") : null;
  return d && !isNaN(d) ? d.toLocaleDateString("da-DK", { day: "numeric", month: "long", year: "numeric" }) : String(date);
}
