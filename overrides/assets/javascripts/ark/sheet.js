/* One worksheet on a page (the thin DOM layer over core/): restore and save answers in the
 * current answer set, added rows, radio choices that can be unset. The toolbar's actions
 * (actions.js) load with the first click; import, copies and printing after that, on demand.
 *
 * The fields are in the built HTML (macros/templates/arbejdsark-*.html), their `data-key`s come
 * from the key contract (macros/contract.py); so do the keys of the added-row template.
 * Binding adds listeners and writes stored answers into their fields; empty fields stay as served.
 */
import { expand, rowName, rowNumbers } from "./core/contract.js";
import { T } from "./core/strings.js";
import { printSheet } from "./print.js";
import * as menu from "./menu.js";


/* ---- Fields ------------------------------------------------------------------------------ */
export const fields = (root) => Array.from(root.querySelectorAll("form [data-key]"));

function readField(el) {
  if (el.type === "checkbox") return el.checked ? "1" : "";
  if (el.type === "radio") return el.checked ? el.value : null; // null: not this radio's business
  return el.value;
}

export function writeField(el, value) {
  if (el.type === "checkbox") el.checked = value === "1";
  else if (el.type === "radio") el.checked = value !== "" && el.value === value;
  else if (el.value !== value) el.value = value;
  syncPrintCopy(el, value);
}

/* Textareas clip when printed: each has a sibling .ark-print that mirrors its text. A checklist
 * note (textarea and copy inside .ark-note) that is empty is not printed with the answers. */
function syncPrintCopy(el, value = el.value) {
  const copy = el.nextElementSibling;
  if (!copy || !copy.classList.contains("ark-print")) return;
  const span = copy.firstElementChild || copy.appendChild(document.createElement("span"));
  if (span.textContent !== value) span.textContent = value;
  const box = copy.parentElement;
  if (box.classList.contains("ark-note")) box.classList.toggle("is-empty", value === "");
}

export const sheetId = (root) => root.getAttribute("data-ark");
export const title = (root) => root.getAttribute("data-ark-title") || "";

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

/**
 * Show which set the sheet writes to; when another tab switched it, say so. When another tab
 * deleted the set the sheet shows, say that instead and write nowhere (saveField) until the
 * person chooses where to go on (the status's button: the current set).
 * @returns {"switched"|"gone"|false}
 */
export function showSetName(root, store) {
  const before = root.getAttribute("data-ark-set-id");
  if (root.hasAttribute("data-ark-set-gone")) return "gone";
  if (before && !store.sets().some((s) => s.id === before)) {
    root.setAttribute("data-ark-set-gone", "");
    const current = store.currentSet();
    status(root, T.setGoneElsewhere(root.getAttribute("data-ark-set-name") || ""), true, {
      label: T.continueIn(current.name),
      run: () => {
        root.removeAttribute("data-ark-set-gone");
        root.removeAttribute("data-ark-set-id");
        showSetName(root, store);
        resyncSheet(root, store);
        status(root, T.setSwitched(store.currentSet().name));
      },
    });
    return "gone";
  }
  const set = store.currentSet();
  const el = root.querySelector("[data-ark-set]");
  if (el) el.textContent = set.name;
  root.setAttribute("data-ark-organisation", set.organisation || ""); // printed by print.js
  root.setAttribute("data-ark-set-id", set.id);
  root.setAttribute("data-ark-set-name", set.name);
  if (before && before !== set.id) {
    status(root, T.setChangedElsewhere(set.name));
    return "switched";
  }
  return false;
}

/* ---- Added rows (risk analysis, KPI table) ----------------------------------------------- */
/* Attributes of the row template that carry the placeholders {row} and {n}. */
const ROW_ATTRS = ["data-key", "name", "aria-label"];

/* The rows for numbers `ns`: clones of the sheet's row template with {row} and {n} filled in
 * (cloning, not parsing HTML per row: restoring 50 rows is then a few milliseconds). */
function makeRows(root, ns, local) {
  const proto = root.querySelector("template.ark-row-template").content.querySelector("tr");
  const prefix = root.getAttribute("data-ark-rows");
  return ns.map((n) => {
    const tr = proto.cloneNode(true);
    const name = rowName(prefix, n);
    tr.querySelectorAll("*").forEach((el) => {
      for (const attr of ROW_ATTRS) {
        const v = el.getAttribute(attr);
        if (v !== null && v.includes("{")) el.setAttribute(attr, expand(v, name, n));
      }
    });
    tr.setAttribute("data-added-row", String(n));
    if (local) tr.setAttribute("data-local", "");
    tr.id = `${sheetId(root)}--${name}`;
    return tr;
  });
}

/** Add the rows numbered `ns` that are not there yet, in number order before the printout's blank rows. */
function addRows(root, ns, local) {
  const body = root.querySelector("tbody[data-rows]");
  if (!body || !root.querySelector("template.ark-row-template")) return [];
  const present = new Map(Array.from(body.querySelectorAll("tr[data-added-row]")).map((tr) => [+tr.getAttribute("data-added-row"), tr]));
  const missing = ns.filter((n) => !present.has(n));
  const made = missing.length ? makeRows(root, missing, local) : [];
  const after = Array.from(present.keys()).sort((a, b) => a - b);
  // Rows that go before the same existing row are inserted together (one DOM insertion).
  let batch = document.createDocumentFragment();
  let anchor;
  made.forEach((tr, i) => {
    const next = after.find((m) => m > missing[i]);
    const at = next !== undefined ? present.get(next) : body.querySelector(".ark-blank-row");
    if (batch.firstChild && at !== anchor) { body.insertBefore(batch, anchor); batch = document.createDocumentFragment(); }
    anchor = at;
    batch.appendChild(tr);
  });
  if (batch.firstChild) body.insertBefore(batch, anchor);
  return made;
}

/* Show rows 1…max of the stored answers; rows beyond go, except an empty row added here. */
function syncRows(root, entries) {
  const spec = pageSpec(root);
  if (!spec.rows) return;
  const nums = rowNumbers(spec, entries);
  const max = nums.length ? nums[nums.length - 1] : 0;
  addRows(root, Array.from({ length: max }, (_, i) => i + 1), false);
  root.querySelectorAll("tr[data-added-row]").forEach((tr) => {
    const n = +tr.getAttribute("data-added-row");
    if (n <= max) return;
    const empty = Array.from(tr.querySelectorAll("[data-key]")).every((el) => (el.type === "radio" ? !el.checked : el.value === ""));
    if (!(tr.hasAttribute("data-local") && empty)) tr.remove();
  });
}

/* "Tilføj udsagn/række": a new empty row after the last one, focused; none past the contract's
 * limit (data-ark-max-rows), which export and import enforce too. */
function addOwnRow(root) {
  const present = Array.from(root.querySelectorAll("tr[data-added-row]")).map((tr) => +tr.getAttribute("data-added-row"));
  const next = (present.length ? Math.max(...present) : 0) + 1;
  const max = Number(root.getAttribute("data-ark-max-rows"));
  if (max && next > max) { status(root, T.rowLimit(max), true); return; }
  const [tr] = addRows(root, [next], true);
  status(root, T.rowAdded);
  const first = tr && tr.querySelector("[data-key]");
  if (first) first.focus();
}

/* ---- Restore and save --------------------------------------------------------------------- */
let resyncing = false; // true while a re-sync rewrites the sheet: its side effects save nothing

/* The id of the set the sheet shows (showSetName keeps it); null when another tab deleted it. */
function shownSet(root, store) {
  const id = root.getAttribute("data-ark-set-id");
  if (!id) return store.currentSet().id;
  if (root.hasAttribute("data-ark-set-gone")) return null;
  if (store.sets().some((s) => s.id === id)) return id;
  showSetName(root, store); // deleted in another tab a moment ago (its event is still to come): say so
  return null;
}

/** Make the sheet show exactly what the current set holds. Returns the number of answers shown. */
export function resyncSheet(root, store) {
  resyncing = true;
  try {
    return resync(root, store);
  } finally {
    resyncing = false;
  }
}

function resync(root, store) {
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

export function saveField(root, store, el) {
  // A field a re-sync removes (another tab deleted a row or switched the set) fires "change" as
  // it goes, connected or not: ignore it, or its text lands in a row or set it no longer shows.
  if (resyncing || !el.isConnected) return;
  const value = readField(el);
  if (value === null) return;
  // Into the set the sheet shows, even if another tab switched the current one a moment ago;
  // nowhere if another tab deleted it (the status says so and offers the current set).
  const setId = shownSet(root, store);
  if (setId === null) return;
  const ok = store.set(sheetId(root), el.getAttribute("data-key"), value, setId);
  syncPrintCopy(el);
  if (!ok) status(root, T.quota, true);
  else if (store.persistent) {
    // There is room again: store what the browser refused earlier (kept in memory until now).
    if (store.unsaved()) store.flush();
    status(root, T.savedIn(store.currentSet().name, new Date()));
  }
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
      unsetChoice(root, store, e.target);
    }
    wasChecked = null;
  });
  root.addEventListener("keydown", (e) => {
    if (e.target.type === "radio" && e.target.checked && (e.key === "Delete" || e.key === "Backspace")) {
      e.preventDefault();
      e.target.checked = false;
      unsetChoice(root, store, e.target);
    }
  });
}

function unsetChoice(root, store, radio) {
  const setId = shownSet(root, store);
  if (setId === null) return; // the set is gone (showSetName said so)
  store.set(sheetId(root), radio.getAttribute("data-key"), "", setId);
  status(root, T.choiceRemoved);
}

/* Pasting more than a field holds (maxlength): the browser inserts the beginning and drops the
 * rest without a word. Say how much was left out, after the save's own status. */
function bindPasteLimit(root) {
  let cut = null; // {el, n} until the paste's input event has saved the field
  root.addEventListener("paste", (e) => {
    const el = e.target;
    if (!el.hasAttribute || !el.hasAttribute("data-key") || !(el.maxLength > 0) || !e.clipboardData) return;
    const text = e.clipboardData.getData("text/plain").replace(/\r\n?/g, "\n");
    const room = el.maxLength - (el.value.length - (el.selectionEnd - el.selectionStart));
    if (text.length <= room) return;
    const said = () => status(root, T.pasteCut((text.length - Math.max(room, 0)).toLocaleString("da-DK"), el.maxLength.toLocaleString("da-DK")), true);
    if (room <= 0) said(); // nothing is inserted: no input event follows
    else cut = { el, said };
  });
  root.addEventListener("input", (e) => {
    if (cut && e.target === cut.el) cut.said();
    cut = null;
  });
}

/* A field whose state differs from what the page was served with. */
const touched = (el) =>
  el.type === "checkbox" || el.type === "radio" ? el.checked !== el.defaultChecked : el.value !== el.defaultValue;

export function bindSheet(root, store) {
  if (root.getAttribute("data-bound") === "1") return;
  root.setAttribute("data-bound", "1");
  const form = root.querySelector("form");
  form.addEventListener("submit", (e) => e.preventDefault());
  const onInput = (e) => { if (e.target.hasAttribute("data-key")) saveField(root, store, e.target); };
  form.addEventListener("input", onInput);
  form.addEventListener("change", onInput);
  bindRadioUnset(root, store);
  bindPasteLimit(root);
  menu.bindMenu(root);
  // The toolbar's actions load with the first click (actions.js): most visits only type.
  root.addEventListener("click", (e) => {
    if (menu.onClick(root, e.target)) return; // "Flere handlinger" opened or closed
    const button = e.target.closest("button[data-action]");
    if (!button) return;
    const action = button.getAttribute("data-action");
    if (action === "present") return; // main.js opens the presentation (also a step page's button)
    // Printing and adding a row happen at once, in the click: no module load in between.
    if (action === "add-row") addOwnRow(root);
    else if (action === "print-filled" || action === "print-blank") printSheet(root, action === "print-blank");
    else import("./actions.js").then((m) => m.run(action, root, store, button));
  });
  const file = root.querySelector('input[data-action="import"]');
  if (file) file.addEventListener("change", () => import("./actions.js").then((m) => m.importInto(root, store, file)));
  showSetName(root, store);
  // What was typed or ticked before the modules bound the sheet (a fast typist, a slow phone) is
  // kept: saved first, so the re-sync below shows it instead of writing the store over it.
  fields(root).filter(touched).forEach((el) => saveField(root, store, el));
  const n = resyncSheet(root, store);
  if (!store.persistent) status(root, T.noStorage, true);
  else if (n) status(root, T.restoredFrom(n, store.currentSet().name));
}
