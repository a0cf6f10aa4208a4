/* "Mit partnerskab" (docs/arbejdsark/index.md): the visitor's answer sets (create, rename,
 * switch, delete, export), whether the browser keeps them for good, each worksheet's progress
 * in the current set, its answers as a read-only summary, and the whole-set actions (import,
 * "Alle mine svar" as PDF or Word, clear all with undo). Loaded only on that page.
 */
import { fillable, progress } from "./core/contract.js";
import { answersDocument } from "./core/document.js";
import { fileName, makeExport, readExport } from "./core/exportfile.js";
import { REMIND_AFTER_DAYS, reminderDue } from "./core/reminder.js";
import { NAME_MAX } from "./core/store.js";
import { danishDate, T, t } from "./core/strings.js";
import { el } from "./dom.js";
import { download, MIME } from "./download.js";
import { withContract } from "./actions.js";
import { status } from "./sheet.js";
import { bindOrganisation, showOrganisation } from "./organisation.js";
import { loadContract, siteRoot } from "./site.js";

let clearedSnapshot = null; // "Ryd alle svar" can be undone until the page is left

export function bindOverview(root, store) {
  if (root.getAttribute("data-bound") === "1") return;
  root.setAttribute("data-bound", "1");
  root.addEventListener("click", (e) => {
    const b = e.target.closest("button[data-action]");
    const action = b && ACTIONS[b.getAttribute("data-action")];
    if (action) action(root, store, b);
  });
  const input = root.querySelector('input[data-action="import-all"]');
  input.addEventListener("change", () => importAll(root, store, input));
  showPersistence(root, store);
  bindOrganisation(root, store);
  refreshOverview(root, store).then(() => root.setAttribute("data-ready", "1"));
}

/* Ask the browser to keep the answers for good, and say plainly what it answered. Firefox asks the
 * visitor first (a panel under the address bar) and answers only when they have chosen, perhaps
 * never: until then the line says that it may be asking (seen in the Firefox journeys, issue 26). */
async function showPersistence(root, store) {
  const out = root.querySelector("[data-ark-persist]");
  if (!store.persistent) { out.textContent = T.noStorage; out.classList.add("is-error"); return; }
  if (!navigator.storage || !navigator.storage.persist) { out.textContent = T.persistUnknown; return; }
  let granted;
  try {
    granted = await navigator.storage.persisted();
    if (!granted) {
      out.textContent = T.persistAsking;
      granted = await navigator.storage.persist();
    }
  } catch { granted = false; }
  out.textContent = granted ? T.persistGranted : T.persistDenied;
}

/** Redraw everything that depends on the store (also after a change in another tab). */
export async function refreshOverview(root, store) {
  const C = await loadContract();
  renderSets(root, store, C);
  showOrganisation(root, store);
  renderExportNote(root, store);
  renderProgress(root, store, C);
  renderSummary(root, store, C);
  if (store.unsaved()) status(root, T.unsaved(store.unsaved()), true);
}

function renderSets(root, store, C) {
  const current = store.currentSet().id;
  const list = el("ul", { class: "ark-saet-liste" });
  const fillableIds = Object.keys(C.worksheets).filter((id) => fillable(C.worksheets[id]));
  store.sets().forEach((set) => {
    const all = store.allEntries(set.id);
    // Only sheets with something to fill in count (not the book's plain lists).
    const startedIds = fillableIds.filter((id) => all[id] && Object.keys(all[id]).length);
    const started = startedIds.length;
    const li = el("li", { "data-set": set.id, class: set.id === current ? "is-current" : "" });
    li.append(el("strong", { text: set.name }), " ");
    if (set.id === current) li.append(el("span", { class: "ark-saet-brug", text: T.setInUse }), " ");
    li.append(el("span", { class: "ark-saet-antal", text: T.setProgress(started, fillableIds.length) }));
    const tools = el("span", { class: "ark-saet-knapper" });
    const act = (action, label, name) => el("button", { type: "button", class: "md-button ark-btn", "data-action": action, "data-set": set.id, "aria-label": `${label}: ${name}`, text: label });
    if (set.id !== current) tools.append(act("switch-set", T.setUse, set.name));
    tools.append(act("rename-set", T.setRename, set.name), act("export-set", T.setExport, set.name), act("delete-set", T.setDelete, set.name));
    li.append(" ", tools);
    // Each set's started worksheets with their progress, without switching to it.
    if (started) {
      const sheets = el("ul", { class: "ark-saet-ark" }, ...startedIds.map((id) => el("li", {},
        el("a", { href: new URL(C.worksheets[id].url, siteRoot()).href, text: C.worksheets[id].title }),
        " ", el("span", { class: "ark-progress", text: `(${progressText(progress(C.worksheets[id], all[id]))})` }))));
      li.append(el("details", { class: "ark-saet-detaljer" }, el("summary", { text: T.setSheets(started) }), sheets));
    }
    list.append(li);
  });
  root.querySelector("[data-ark-sets]").replaceChildren(list);
}

/* When the current set was last exported, and a quiet reminder (no dialog, no alert role) when its
 * changed answers were not exported for a while (core/reminder.js). */
function renderExportNote(root, store) {
  const set = store.currentSet();
  const out = root.querySelector("[data-ark-export]");
  const when = set.exported ? new Date(set.exported) : null;
  const line = when && !isNaN(when) ? T.lastExported(set.name, danishDate(when)) : T.neverExported(set.name);
  const due = reminderDue(set, new Date());
  out.replaceChildren(line, ...(due ? [" ", el("strong", { "data-ark-reminder": "", text: T.exportReminder(REMIND_AFTER_DAYS) })] : []));
}

/* "(3 af 14 udfyldt)", "(udfyldt)", "(påbegyndt)" or "(ikke påbegyndt)" for core/contract.js progress(). */
function progressText(p) {
  if (!p.started) return T.progressNone;
  if (p.total > 0 && p.done >= p.total) return T.progressDone;
  return p.total ? T.progress(p.done, p.total) : T.progressStarted;
}

function renderProgress(root, store, C) {
  const all = store.allEntries();
  root.querySelectorAll("[data-ark-progress]").forEach((li) => {
    const id = li.getAttribute("data-ark-progress");
    const p = progress(C.worksheets[id], all[id] || {});
    const label = li.querySelector(".ark-progress");
    label.textContent = `(${progressText(p)})`;
    label.classList.toggle("is-done", p.total > 0 && p.done >= p.total);
  });
}

/* The answers of the current set, read-only: sheet by sheet, fields and tables. */
function renderSummary(root, store, C) {
  const set = store.currentSet();
  const doc = answersDocument(C, { name: set.name, date: new Date(), worksheets: store.allEntries() });
  const out = root.querySelector("[data-ark-summary]");
  if (!doc.sheets.length) { out.replaceChildren(el("p", { text: T.summaryEmpty(set.name) })); return; }
  const base = siteRoot();
  const parts = doc.sheets.map((sheet) => {
    const box = el("details", { class: "ark-svar-ark" });
    const link = el("a", { href: new URL(C.worksheets[sheet.id].url, base).href, text: sheet.title });
    box.append(el("summary", {}, sheet.title + (sheet.step ? ` · ${sheet.step}` : "")));
    box.append(el("p", {}, link));
    for (const block of sheet.blocks) {
      if (block.type === "table") {
        // A shared cell (the dialogue paper's common rows) spans the parties' columns.
        const span = new Map(block.spans.map((s) => [`${s.row}:${s.col}`, s.span]));
        const table = el("table", { class: "ark-svar-tabel" });
        table.append(el("thead", {}, el("tr", {}, ...block.columns.map((c) => el("th", { scope: "col", text: c })))));
        table.append(el("tbody", {}, ...block.rows.map((r, i) => {
          const cells = [];
          for (let j = 0; j < r.length; j += span.get(`${i}:${j}`) || 1) {
            cells.push(el("td", span.has(`${i}:${j}`) ? { colspan: String(span.get(`${i}:${j}`)), text: r[j] } : { text: r[j] }));
          }
          return el("tr", {}, ...cells);
        })));
        box.append(el("div", { class: "ark-table-wrap" }, table));
      } else {
        box.append(el("p", { class: "ark-svar-spm" }, el("strong", { text: block.label })));
        box.append(el("p", { class: "ark-svar-tekst", text: block.value }));
      }
    }
    return box;
  });
  out.replaceChildren(...parts);
}

/* What the store did to a typed set name (cut to NAME_MAX, numbered to keep names unique), said. */
function nameNotes(typed, stored) {
  const cut = typed.slice(0, NAME_MAX).trimEnd();
  const notes = [];
  if (typed.length > NAME_MAX) notes.push(T.nameShortened(NAME_MAX));
  if (stored !== cut) notes.push(T.nameTaken(cut));
  return notes;
}

const ACTIONS = {
  "new-set": (root, store) => {
    const name = (window.prompt(T.promptNewSet, T.newSetName) || "").trim();
    if (!name) return;
    const set = store.createSet(name);
    if (!set) { status(root, T.setNotCreated, true); return; } // storage full: nothing was made
    store.switchSet(set.id);
    refreshOverview(root, store);
    status(root, [T.setCreated(set.name), ...nameNotes(name, set.name)].join(" "));
  },
  "switch-set": (root, store, b) => {
    store.switchSet(b.getAttribute("data-set"));
    refreshOverview(root, store);
    status(root, T.setSwitched(store.currentSet().name));
  },
  "rename-set": (root, store, b) => {
    const set = store.sets().find((s) => s.id === b.getAttribute("data-set"));
    const name = (window.prompt(T.promptRename(set.name), set.name) || "").trim();
    if (!name || name === set.name) return;
    store.renameSet(set.id, name);
    const now = store.sets().find((s) => s.id === set.id).name;
    refreshOverview(root, store);
    status(root, [T.setRenamed(now), ...nameNotes(name, now)].join(" "));
  },
  "delete-set": (root, store, b) => {
    const set = store.sets().find((s) => s.id === b.getAttribute("data-set"));
    if (!window.confirm(T.confirmDeleteSet(set.name))) return;
    store.deleteSet(set.id);
    refreshOverview(root, store);
    status(root, T.setDeleted(set.name));
  },
  "export-set": (root, store, b) => exportSet(root, store, b.getAttribute("data-set")),
  "export-all": (root, store) => exportSet(root, store, store.currentSet().id),
  "share-set": (root, store, b) => withContract(root, async () => {
    const { share } = await import("./share.js");
    await share(root, store, "set", b, () => exportSet(root, store, store.currentSet().id));
  }),
  "clear-all": (root, store) => withContract(root, async (C) => {
    const set = store.currentSet();
    if (!window.confirm(T.confirmClearAll(set.name))) return;
    clearedSnapshot = store.clearSheets(set.id, Object.keys(C.worksheets));
    await refreshOverview(root, store);
    status(root, T.clearedAll(set.name), false, {
      label: T.undo,
      run: async () => {
        store.restore(clearedSnapshot);
        clearedSnapshot = null;
        await refreshOverview(root, store);
        status(root, T.undone);
      },
    });
  }),
  "pdf-all": (root, store) => withContract(root, async (C) => {
    const set = store.currentSet();
    const worksheets = store.allEntries();
    if (!Object.keys(worksheets).some((id) => Object.keys(worksheets[id]).length)) { status(root, T.nothingToCopy, true); return; }
    status(root, T.working);
    const exports = await import("./exports.js");
    const report = { onProgress: (n, total) => status(root, T.pdfProgress(n, total)) };
    const bytes = await exports.allAnswersPdf(siteRoot().href, C, { name: set.name, organisation: set.organisation || "", date: new Date(), worksheets }, report);
    const name = fileName("copy", { name: set.name, date: new Date(), ext: "pdf" });
    download(bytes, name);
    // Text the PDF cannot show as typed: say so, and offer the Word copy, which keeps it.
    if (report.undrawable) status(root, T.pdfUndrawable(name), true, { label: t("overview.docxAll"), run: () => ACTIONS["docx-all"](root, store) });
    else status(root, T.downloaded(name));
  }),
  "docx-all": (root, store) => withContract(root, async (C) => {
    const set = store.currentSet();
    const doc = answersDocument(C, { name: set.name, date: new Date(), worksheets: store.allEntries() });
    if (!doc.sheets.length) { status(root, T.nothingToCopy, true); return; }
    status(root, T.working);
    const exports = await import("./exports.js");
    const name = fileName("copy", { name: set.name, date: new Date(), ext: "docx" });
    download(await exports.answersDocx(C, doc), name);
    status(root, T.downloaded(name));
  }),
};

function exportSet(root, store, setId) {
  withContract(root, async (C) => {
    const set = store.sets().find((s) => s.id === setId);
    const data = makeExport(C, { name: set.name, worksheets: store.allEntries(setId), now: new Date() });
    const name = fileName("export", { name: set.name, date: new Date() });
    download(new Blob([JSON.stringify(data, null, 2)], { type: MIME.json }), name);
    store.markExported(setId);
    renderExportNote(root, store);
    status(root, T.exported(name));
  });
}

function importAll(root, store, input) {
  const file = input.files && input.files[0];
  input.value = "";
  if (!file) return;
  withContract(root, async (C) => {
    const { chooseImport } = await import("./importer.js");
    const result = readExport(new Uint8Array(await file.arrayBuffer()), C);
    if (!result.ok) { status(root, result.error, true); return; }
    const message = await chooseImport(store, C, result, file.name);
    if (!message) return;
    await refreshOverview(root, store);
    // A merge can be undone, as "Ryd alle svar" can, until the page is left.
    const undo = message.undo && {
      label: T.undo,
      run: async () => { message.undo(); await refreshOverview(root, store); status(root, T.mergeUndone); },
    };
    status(root, message.text, message.error, undo);
  });
}
