/* The worksheet toolbar's actions and import, loaded with the first click on a worksheet
 * (sheet.js dispatches here): copy, export, clear with undo, delete rows, the
 * book's example, copies as PDF and Word, and import (as a new set or merged).
 */
import { deleteRow, rowNumbers } from "./core/contract.js";
import { T, t } from "./core/strings.js";
import { fields, pageSpec, resyncSheet, saveField, sheetId, showSetName, status, title, writeField } from "./sheet.js";
import { loadContract, siteRoot } from "./site.js";

const undo = new Map(); // sheet id → snapshot of its answers before "Ryd svar" (until the page is left)

/* ---- Actions ------------------------------------------------------------------------------- */
const ACTIONS = {
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
  "share": (root, store, button) => share(root, store, "sheet", button),
  "continue-phone": (root, store, button) => share(root, store, "phone", button),
  "pdf-filled": (root, store) => withContract(root, async (C) => {
    status(root, T.working);
    const [{ fileName }, exports, { download }] = await Promise.all([import("./core/exportfile.js"), import("./exports.js"), import("./download.js")]);
    const report = {};
    const bytes = await exports.filledPdf(siteRoot().href, C, sheetId(root), store.entries(sheetId(root)), { organisation: store.currentSet().organisation || "", date: new Date() }, report);
    const name = fileName("copy", { sheetId: sheetId(root), date: new Date(), ext: "pdf" });
    download(bytes, name);
    // Text the PDF cannot show as typed: say so, and offer the Word copy, which keeps it.
    if (report.undrawable) status(root, T.pdfUndrawable(name), true, { label: t("sheet.docx"), run: () => run("docx", root, store) });
    else status(root, T.downloaded(name));
  }),
};

/* "Del …" and "Fortsæt på telefonen" (share.js); a link too long to send, or too dense for a QR
 * code, offers the file export. */
function share(root, store, what, button) {
  withContract(root, async () => {
    const m = await import("./share.js");
    await m.share(root, store, what, button, () => ACTIONS.export(root, store));
  });
}

/** Run `work(contract)`; a failure (no network to our own files, a library error) is said plainly. */
export async function withContract(root, work) {
  try {
    await work(await loadContract());
  } catch (e) {
    console.error(e);
    status(root, T.failed, true);
  }
}

/** Run toolbar action `name` (a button's data-action) on a worksheet; unknown names do nothing. */
export function run(name, root, store, button) {
  if (Object.prototype.hasOwnProperty.call(ACTIONS, name)) ACTIONS[name](root, store, button);
}

/* ---- Import into this sheet: open as a new set, or merge into the current one ------------------ */
export function importInto(root, store, input) {
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
      const show = () => {
        showSetName(root, store);
        root.querySelectorAll("tr[data-added-row]").forEach((tr) => tr.remove());
        resyncSheet(root, store);
      };
      show();
      // A merge can be undone, as "Ryd svar" can, until the page is left.
      const undo = message.undo && { label: T.undo, run: () => { message.undo(); show(); status(root, T.mergeUndone); } };
      status(root, message.text, message.error, undo);
    }
  });
}
