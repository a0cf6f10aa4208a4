/* One worksheet on a page (the thin DOM layer over core/): restore and save answers in the
 * current answer set, added rows (add, delete), radio choices that can be unset, clear with
 * undo, and the toolbar. Import, copies and printing load on demand.
 *
 * The fields are in the built HTML (macros/templates/arbejdsark-*.html), their `data-key`s come
 * from the key contract (macros/contract.py); so do the keys of the added-row template.
 * Binding adds listeners and writes stored answers into their fields; empty fields stay as served.
 */
import { deleteRow, rowNumbers } from "./core/contract.js";
import { T } from "./core/strings.js";
import { loadContract, siteRoot } from "./site.js";

const ROW = "{row}";
const NUM = "{n}";
const undo = new Map(); // sheet id → snapshot of its answers before "Ryd svar" (until the page is left)

/* ---- Fields ------------------------------------------------------------------------------ */
const fields = (root) => Array.from(root.querySelectorAll("form [data-key]"));

function readField(el) {
  if (el.type === "checkbox") return el.checked ? "1" : "";
  if (el.type === "radio") return el.checked ? el.value : null; // null: not this radio's business
  return el.value;
}

function writeField(el, value) {
  if (el.type === "checkbox") el.checked = value === "1";
  else if (el.type === "radio") el.checked = value !== "" && el.value === value;
  else if (el.value !== value) el.value = value;
  syncPrintCopy(el);
}

/* Textareas clip when printed: each has a sibling .ark-print that mirrors its text. */
function syncPrintCopy(el) {
  const copy = el.nextElementSibling;
  if (!copy || !copy.classList.contains("ark-print")) return;
  const span = copy.firstElementChild || copy.appendChild(document.createElement("span"));
  span.textContent = el.value;
  const note = copy.closest(".ark-note");
  if (note) note.classList.toggle("is-empty", el.value === "");
}

const sheetId = (root) => root.getAttribute("data-ark");
const title = (root) => root.getAttribute("data-ark-title") || "";

/** The part of the contract the page itself carries: the added-row prefix and row field keys
 * (a spec for core/contract.js's row functions, which need no labels). */
export function pageSpec(root) {
  const prefix = root.getAttribute("data-ark-rows");
  if (!prefix) return { fields: [], rows: null };
  const template = root.querySelector("template.ark-row-template");
  const keys = [];
  template.content.querySelectorAll("[data-key]").forEach((el) => {
    const k = el.getAttribute("data-key");
    if (!keys.includes(k)) keys.push(k);
  });
  return { fields: [], rows: { prefix, fields: keys.map((key) => ({ key })) } };
}

export function status(root, message, isError, action) {
  const el = root.querySelector(".ark-status");
  if (!el) return;
  el.textContent = message;
  el.classList.toggle("is-error", !!isError);
  if (action) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "md-button ark-btn ark-status-action";
    b.textContent = action.label;
    b.addEventListener("click", action.run, { once: true });
    el.append(" ", b);
  }
}

export function showSetName(root, store) {
  const el = root.querySelector("[data-ark-set]");
  if (el) el.textContent = store.currentSet().name;
}

/* ---- Added rows (risk analysis, KPI table) ----------------------------------------------- */
function addRow(root, n, local) {
  const template = root.querySelector("template.ark-row-template");
  const body = root.querySelector("tbody[data-rows]");
  if (!template || !body || root.querySelector(`[data-added-row="${n}"]`)) return null;
  const name = `${root.getAttribute("data-ark-rows")}-${n}`;
  const holder = document.createElement("tbody");
  holder.innerHTML = template.innerHTML.split(ROW).join(name).split(NUM).join(String(n)).trim();
  const tr = holder.firstElementChild;
  tr.setAttribute("data-added-row", String(n));
  if (local) tr.setAttribute("data-local", "");
  tr.id = `${sheetId(root)}--${name}`;
  // Rows stay in number order, before the printout's blank rows.
  const after = Array.from(body.querySelectorAll("tr[data-added-row]")).find((r) => +r.getAttribute("data-added-row") > n);
  body.insertBefore(tr, after || body.querySelector(".ark-blank-row"));
  return tr;
}

/* Show rows 1…max of the stored answers; rows beyond go, except an empty row added here. */
function syncRows(root, entries) {
  const spec = pageSpec(root);
  if (!spec.rows) return;
  const nums = rowNumbers(spec, entries);
  const max = nums.length ? nums[nums.length - 1] : 0;
  for (let n = 1; n <= max; n++) addRow(root, n, false);
  root.querySelectorAll("tr[data-added-row]").forEach((tr) => {
    const n = +tr.getAttribute("data-added-row");
    const empty = Array.from(tr.querySelectorAll("[data-key]")).every((el) => (el.type === "radio" ? !el.checked : el.value === ""));
    if (n > max && !(tr.hasAttribute("data-local") && empty)) tr.remove();
  });
}

/* ---- Restore and save --------------------------------------------------------------------- */
/** Make the sheet show exactly what the current set holds. Returns the number of answers shown. */
export function resyncSheet(root, store) {
  const entries = store.entries(sheetId(root));
  syncRows(root, entries);
  let n = 0;
  fields(root).forEach((el) => {
    const v = entries[el.getAttribute("data-key")] || "";
    if (v !== "" && (el.type !== "radio" || el.value === v)) n++;
    if (v !== "" || readField(el)) writeField(el, v); // an untouched empty field stays as served
  });
  return n;
}

function saveField(root, store, el) {
  const value = readField(el);
  if (value === null) return;
  const ok = store.set(sheetId(root), el.getAttribute("data-key"), value);
  syncPrintCopy(el);
  if (!ok) status(root, T.quota, true);
  else if (store.persistent !== false) status(root, T.savedIn(store.currentSet().name, new Date()));
}

/* A chosen radio can be unset: click it again, or press Delete/Backspace on it. */
function bindRadioUnset(root, store) {
  let wasChecked = null;
  root.addEventListener("pointerdown", (e) => {
    wasChecked = e.target.type === "radio" && e.target.checked ? e.target : null;
  });
  root.addEventListener("click", (e) => {
    if (e.target.type === "radio" && e.target === wasChecked) {
      e.target.checked = false;
      store.set(sheetId(root), e.target.getAttribute("data-key"), "");
      status(root, T.choiceRemoved);
    }
    wasChecked = null;
  });
  root.addEventListener("keydown", (e) => {
    if (e.target.type === "radio" && e.target.checked && (e.key === "Delete" || e.key === "Backspace")) {
      e.preventDefault();
      e.target.checked = false;
      store.set(sheetId(root), e.target.getAttribute("data-key"), "");
      status(root, T.choiceRemoved);
    }
  });
}

export function bindSheet(root, store) {
  if (root.getAttribute("data-bound") === "1") return;
  root.setAttribute("data-bound", "1");
  const form = root.querySelector("form");
  form.addEventListener("submit", (e) => e.preventDefault());
  const onInput = (e) => { if (e.target.hasAttribute("data-key")) saveField(root, store, e.target); };
  form.addEventListener("input", onInput);
  form.addEventListener("change", onInput);
  bindRadioUnset(root, store);
  root.addEventListener("click", (e) => {
    const button = e.target.closest("button[data-action]");
    const action = button && ACTIONS[button.getAttribute("data-action")];
    if (action) action(root, store, button);
  });
  const file = root.querySelector('input[data-action="import"]');
  if (file) file.addEventListener("change", () => importInto(root, store, file));
  showSetName(root, store);
  const n = resyncSheet(root, store);
  if (!store.persistent) status(root, T.noStorage, true);
  else if (n) status(root, T.restoredFrom(n, store.currentSet().name));
}

/* ---- Actions ------------------------------------------------------------------------------- */
const ACTIONS = {
  "print-filled": (root) => import("./print.js").then((m) => m.printSheet(root, false)),
  "print-blank": (root) => import("./print.js").then((m) => m.printSheet(root, true)),
  "copy-text": (root) => import("./copy.js").then((m) => m.copyAsText(root, (msg, err) => status(root, msg, err))),
  "export": (root, store) => withContract(root, async (C) => {
    const { makeExport, fileName } = await import("./core/exportfile.js");
    const set = store.currentSet();
    const data = makeExport(C, { name: set.name, worksheets: { [sheetId(root)]: store.entries(sheetId(root)) }, now: new Date() });
    const name = fileName("export", { name: set.name, sheetId: sheetId(root), date: new Date() });
    const { download, MIME } = await import("./download.js");
    download(new Blob([JSON.stringify(data, null, 2)], { type: MIME.json }), name);
    status(root, T.exported(name));
  }),
  "clear": (root, store) => {
    if (!window.confirm(T.confirmClear(title(root)))) return;
    const ws = sheetId(root);
    const snapshot = store.clearSheets(store.currentSet().id, [ws]);
    undo.set(ws, snapshot);
    root.querySelectorAll("tr[data-added-row]").forEach((tr) => tr.remove());
    fields(root).forEach((el) => writeField(el, ""));
    status(root, T.cleared, false, {
      label: T.undo,
      run: () => {
        store.restore(undo.get(ws));
        undo.delete(ws);
        resyncSheet(root, store);
        status(root, T.undone);
      },
    });
  },
  "add-row": (root) => {
    const present = Array.from(root.querySelectorAll("tr[data-added-row]")).map((tr) => +tr.getAttribute("data-added-row"));
    const tr = addRow(root, (present.length ? Math.max(...present) : 0) + 1, true);
    status(root, T.rowAdded);
    const first = tr && tr.querySelector("[data-key]");
    if (first) first.focus();
  },
  "delete-row": (root, store, button) => {
    const tr = button.closest("tr[data-added-row]");
    const n = +tr.getAttribute("data-added-row");
    const ws = sheetId(root);
    const entries = store.entries(ws);
    if (rowNumbers(pageSpec(root), entries).includes(n)) {
      if (!store.replaceSheets(store.currentSet().id, { [ws]: deleteRow(pageSpec(root), entries, n) })) {
        status(root, T.quota, true);
        return;
      }
    }
    tr.remove();
    // Rows above n moved down by one: renumber what is shown from the store.
    root.querySelectorAll("tr[data-added-row]").forEach((r) => { if (+r.getAttribute("data-added-row") > n) r.remove(); });
    resyncSheet(root, store);
    status(root, T.rowDeleted);
    const add = root.querySelector('button[data-action="add-row"]');
    if (add) add.focus();
  },
  "load-example": (root, store) => {
    const targets = Array.from(root.querySelectorAll("[data-example]"));
    const filled = targets.some((el) => el.value.trim() !== "");
    if (filled && !window.confirm(T.confirmExample)) return;
    targets.forEach((el) => { el.value = el.getAttribute("data-example"); saveField(root, store, el); });
    status(root, T.exampleLoaded);
    if (targets[0]) targets[0].focus();
  },
  "docx": (root, store) => withContract(root, async (C) => {
    status(root, T.working);
    const [{ answersDocument }, { fileName }, exports, { download }] = await Promise.all([
      import("./core/document.js"), import("./core/exportfile.js"), import("./exports.js"), import("./download.js"),
    ]);
    const set = store.currentSet();
    const doc = answersDocument(C, { name: set.name, date: new Date(), worksheets: { [sheetId(root)]: store.entries(sheetId(root)) } });
    if (!doc.sheets.length) { status(root, T.nothingToCopy, true); return; }
    const name = fileName("copy", { sheetId: sheetId(root), date: new Date(), ext: "docx" });
    download(await exports.answersDocx(C, doc), name);
    status(root, T.downloaded(name));
  }),
  "pdf-filled": (root, store) => withContract(root, async (C) => {
    status(root, T.working);
    const [{ fileName }, exports, { download }] = await Promise.all([import("./core/exportfile.js"), import("./exports.js"), import("./download.js")]);
    const bytes = await exports.filledPdf(siteRoot().href, C, sheetId(root), store.entries(sheetId(root)));
    const name = fileName("copy", { sheetId: sheetId(root), date: new Date(), ext: "pdf" });
    download(bytes, name);
    status(root, T.downloaded(name));
  }),
};

/** Run `work(contract)`; a failure (no network to our own files, a library error) is said plainly. */
export async function withContract(root, work) {
  try {
    await work(await loadContract());
  } catch (e) {
    console.error(e); // eslint-disable-line no-console
    status(root, T.failed, true);
  }
}

/* ---- Import into this sheet: open as a new set, or merge into the current one ------------------ */
function importInto(root, store, input) {
  const file = input.files && input.files[0];
  input.value = "";
  if (!file) return;
  withContract(root, async (C) => {
    const [{ readExport }, importer] = await Promise.all([import("./core/exportfile.js"), import("./importer.js")]);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = readExport(bytes, C, { onlySheet: sheetId(root) });
    if (!result.ok) { status(root, result.error, true); return; }
    const only = { [sheetId(root)]: result.worksheets[sheetId(root)] };
    const message = await importer.chooseImport(store, C, { ...result, worksheets: only }, file.name);
    if (message) {
      showSetName(root, store);
      root.querySelectorAll("tr[data-added-row]").forEach((tr) => tr.remove());
      resyncSheet(root, store);
      status(root, message.text, message.error);
    }
  });
}
