/* Importing a checked export file: the visitor chooses to open it as a new answer set or to
 * merge it into the current one; a merge with differing answers shows each difference and lets
 * them keep theirs, take the file's or keep both. Nothing is written before they confirm, and
 * writing is all-or-nothing (store.replaceSheets). Loaded when a file is chosen.
 */
import { applyMerge, conflictId, planMerge } from "./core/merge.js";
import { NAME_MAX } from "./core/store.js";
import { T } from "./core/strings.js";
import { el } from "./dom.js";

let dialogCount = 0;

function button(label, value, primary) {
  return el("button", { type: "button", class: "md-button ark-btn" + (primary ? " md-button--primary" : ""), "data-choice": value, text: label });
}

/* Labels are the book's words, some a whole paragraph: the preview names a field briefly. */
function brief(text, max = 90) {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 20)) + " …";
}

/* A modal <dialog>; resolves with the data-choice of the button pressed (null on Escape). */
function ask(dialog) {
  return new Promise((resolve) => {
    const done = (value) => { dialog.close(); dialog.remove(); resolve(value); };
    dialog.addEventListener("cancel", (e) => { e.preventDefault(); done(null); });
    dialog.addEventListener("click", (e) => {
      const b = e.target.closest("button[data-choice]");
      if (b) done(b.getAttribute("data-choice"));
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    const first = dialog.querySelector("button[data-choice], input");
    if (first) first.focus();
  });
}

function frame(heading) {
  const id = `ark-dialog-${++dialogCount}`;
  // md-typeset: the dialog sits outside the article, but its buttons are Material's buttons.
  const dialog = el("dialog", { class: "ark-dialog md-typeset", "aria-labelledby": id });
  dialog.append(el("h2", { id, text: heading }));
  return dialog;
}

const countAnswers = (worksheets) => Object.values(worksheets).reduce((n, w) => n + Object.keys(w).length, 0);

/* The differing answers, each a fieldset with three (text) or two (tick, choice) options. */
function conflictForm(conflicts, maxChars) {
  const form = el("form", { class: "ark-merge", method: "dialog" });
  conflicts.forEach((c, i) => {
    const fs = el("fieldset", { class: "ark-merge-felt" });
    fs.append(el("legend", { text: c.sheetTitle }));
    fs.append(el("p", { class: "ark-merge-label", title: c.label, text: brief(c.label) }));
    const show = (v) => (c.type === "check" ? T.yes : v);
    fs.append(el("div", { class: "ark-merge-svar" },
      el("p", {}, el("strong", { text: T.mergeYours + " " }), show(c.mine)),
      el("p", {}, el("strong", { text: T.mergeFiles + " " }), show(c.theirs))));
    const options = [["mine", T.mergeMine], ["theirs", T.mergeTheirs]];
    // "Keep both" joins the two texts, each under its set's name: only where that still fits a field.
    if (c.type === "text" && c.both.length <= maxChars) options.push(["both", T.mergeBoth]);
    options.forEach(([value, label], j) => {
      const input = el("input", { type: "radio", name: `c${i}`, value, "data-conflict": conflictId(c.sheet, c.key) });
      if (j === 0) input.checked = true;
      fs.append(el("label", { class: "ark-merge-valg" }, input, " " + label));
    });
    form.append(fs);
  });
  return form;
}

/**
 * Ask how to import `result` (readExport's ok result) and do it.
 * @returns {Promise<{text: string, error?: boolean, undo?: () => boolean} | null>} the status
 *   message, or null when cancelled; after a merge, `undo` puts the merged sheets back as they
 *   were (offer it as "Fortryd"; false when the set is gone or storage refused a value)
 */
export async function chooseImport(store, C, result, fileName) {
  const current = store.currentSet();
  const titles = Object.keys(result.worksheets).map((id) => C.worksheets[id].title);
  const n = countAnswers(result.worksheets);
  if (!n) return { text: T.importedNone, error: true };
  const dialog = frame(T.importTitle(fileName));
  dialog.append(el("p", { text: T.importSummary(n, titles, result.name, result.fromLink) }));
  dialog.append(el("div", { class: "ark-dialog-knapper" },
    button(T.importAsNew, "new", true), button(T.importMerge(current.name), "merge"), button(T.cancel, "cancel")));
  const choice = await ask(dialog);
  if (choice === "new") return importAsNewSet(store, result);
  if (choice === "merge") return mergeIntoCurrent(store, C, result);
  return null;
}

/* Room for " (importeret) 12" within the store's names (NAME_MAX); the store numbers a name
 * that is taken: "Partner (importeret)", then "Partner (importeret) 2", … */
const importedName = (name) => T.importedSetName(name.length > NAME_MAX - 30 ? name.slice(0, NAME_MAX - 31) + "…" : name);

function importAsNewSet(store, result) {
  const set = store.createSet(result.name ? importedName(result.name) : T.importedSetDated(new Date()));
  if (!set) return { text: T.importQuota, error: true }; // storage full: no set was made
  if (!store.replaceSheets(set.id, result.worksheets)) {
    store.deleteSet(set.id);
    return { text: T.importQuota, error: true };
  }
  store.switchSet(set.id);
  return { text: T.importedAsNew(countAnswers(result.worksheets), set.name) };
}

async function mergeIntoCurrent(store, C, result) {
  const current = store.currentSet();
  const mine = {};
  Object.keys(result.worksheets).forEach((id) => { mine[id] = store.entries(id); });
  // Each part of a text kept both ways is headed by its set's name: mine, and the file's.
  const plan = planMerge(C, mine, result.worksheets, { mine: current.name, theirs: result.name || T.mergeUnnamedFile });
  const choices = {};
  if (plan.conflicts.length) {
    const dialog = frame(T.mergeTitle(current.name));
    dialog.append(el("p", { text: T.mergeConflicts(plan.conflicts.length) }));
    const form = conflictForm(plan.conflicts, C.limits.valueChars);
    dialog.append(form);
    dialog.append(el("div", { class: "ark-dialog-knapper" }, button(T.mergeDo, "merge", true), button(T.cancel, "cancel")));
    // Read the choices when a button is pressed, before ask() removes the dialog.
    dialog.addEventListener("click", (e) => {
      if (!e.target.closest('button[data-choice="merge"]')) return;
      form.querySelectorAll("input[type=radio]:checked").forEach((r) => { choices[r.getAttribute("data-conflict")] = r.value; });
    }, { capture: true });
    if ((await ask(dialog)) !== "merge") return null;
  }
  const merged = applyMerge(plan, choices);
  const changed = {};
  Object.keys(merged).forEach((id) => { changed[id] = merged[id]; });
  const before = store.snapshotSheets(current.id, Object.keys(changed));
  if (!store.replaceSheets(current.id, changed)) return { text: T.importQuota, error: true };
  return {
    text: plan.conflicts.length ? T.mergedWithChoices(plan.conflicts.length, current.name) : T.mergedSilently(current.name),
    undo: () => store.restore(before),
  };
}
