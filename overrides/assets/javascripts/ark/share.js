/* "Del …" and "Fortsæt på telefonen": answers as an encrypted link (core/share.js) with a code to
 * say aloud and a QR code; and, on the page such a link opens, the question for the code, then
 * the import choice every file gets (importer.js). Loaded only when a visitor shares, or opens an
 * address with #del=… (main.js). Nothing is sent anywhere: the link is made and read here, and
 * the fragment is removed from the address and its history entry once the visitor is done.
 */
import * as core from "./core/share.js";
import { makeExport, readExport } from "./core/exportfile.js";
import { t, T } from "./core/strings.js";
import { el } from "./dom.js";
import { loadQr } from "./present.js";
import { status } from "./sheet.js";
import { loadContract, siteRoot } from "./site.js";

const d = (key, params) => t("del." + key, params);
let dialogCount = 0;

/* A modal dialog titled `heading`; `close()` removes it and gives focus back to `opener`. */
function dialogFrame(heading, opener) {
  const id = `ark-del-${++dialogCount}`;
  const dialog = el("dialog", { class: "ark-dialog ark-del md-typeset", "aria-labelledby": id });
  dialog.append(el("h2", { id, text: heading }));
  const close = () => {
    if (!dialog.isConnected) return;
    dialog.close();
    dialog.remove();
    const menu = opener && opener.closest(".ark-menu[hidden]"); // a closed menu's button cannot take focus
    const target = menu ? document.querySelector(`[aria-controls="${menu.id}"]`) : opener;
    if (target && target.isConnected) target.focus();
  };
  return { dialog, close };
}

const button = (text, attrs = {}) => el("button", { type: "button", class: "md-button ark-btn", ...attrs, text });

async function copyText(input) {
  try {
    await navigator.clipboard.writeText(input.value);
    return true;
  } catch {
    input.select();
    try { return document.execCommand("copy"); } catch { return false; }
  }
}

/* ---- Sharing ------------------------------------------------------------------------------ */

/**
 * Open the share dialog.
 * @param {HTMLElement} root the worksheet (.ark) or "Mit partnerskab" ([data-ark-oversigt])
 * @param {object} store
 * @param {"sheet"|"set"|"phone"} what one sheet, the current set, or one sheet for the phone
 * @param {HTMLElement} [opener] the button pressed (focus returns to it)
 * @param {() => void} [exportInstead] the file export, offered when the link is too long
 */
export async function share(root, store, what, opener, exportInstead) {
  const C = await loadContract();
  const set = store.currentSet();
  const sheet = what === "set" ? null : root.getAttribute("data-ark");
  const worksheets = sheet ? { [sheet]: store.entries(sheet) } : store.allEntries(set.id);
  const data = makeExport(C, { name: set.name, worksheets, now: new Date() });
  if (!Object.keys(data.worksheets).length) { status(root, d("nothing"), true); return; }
  status(root, d("working"));
  const code = core.newCode();
  const page = new URL(sheet ? C.worksheets[sheet].url : "arbejdsark/", siteRoot()).href;
  const url = core.shareUrl(page, await core.seal(JSON.stringify(data), code));
  const size = core.linkSize(url);
  const qr = size.qr ? await loadQr() : null;
  status(root, "");

  const title = sheet ? C.worksheets[sheet].title : set.name;
  const heading = what === "phone" ? d("titlePhone", { title }) : sheet ? d("titleSheet", { title }) : d("titleSet", { name: title });
  const { dialog, close } = dialogFrame(heading, opener);
  dialog.setAttribute("data-ark-share", what);
  dialog.setAttribute("data-link-chars", String(size.chars));
  const codeLine = el("p", { class: "ark-del-kode" }, d("codeLabel") + " ", el("strong", { "data-share-code": "", text: code }));
  const figure = qr
    ? el("figure", { class: "ark-del-qr", "data-share-qr": "" }, qrSvg(qr, url), el("figcaption", { text: d("qrCaption") }))
    : el("p", { class: "ark-del-advarsel", text: d("qrTooDense", { bytes: size.qrBytes, max: core.MAX_QR_BYTES }) });
  const buttons = el("div", { class: "ark-dialog-knapper" });
  const closeButton = button(T.presentClose, { "data-choice": "close" });

  // The export, offered instead of a link too long to send or beside one too dense for a QR code.
  const fileButton = (primary) => {
    const b = button(d("exportInstead"), { class: `md-button${primary ? " md-button--primary" : ""} ark-btn`, "data-choice": "export" });
    b.addEventListener("click", () => { close(); if (exportInstead) exportInstead(); });
    return b;
  };

  if (!size.link) {
    dialog.append(el("p", { class: "ark-del-advarsel", role: "alert", text: d("tooLong", { chars: size.chars, max: core.MAX_LINK_CHARS }) }));
    buttons.append(fileButton(true), closeButton);
  } else {
    const inputId = `ark-del-link-${dialogCount}`;
    const input = el("input", { id: inputId, type: "text", readonly: "", value: url, class: "ark-del-link", "data-share-link": "", spellcheck: "false" });
    const said = el("p", { class: "ark-del-status", role: "status" });
    const copyButton = button(t("links.label"), { class: "md-button md-button--primary ark-btn", "data-choice": "copy" });
    copyButton.addEventListener("click", async () => { said.textContent = (await copyText(input)) ? d("copied") : d("copyFailed"); });
    input.addEventListener("focus", () => input.select());
    const linkBlock = [el("label", { for: inputId, class: "ark-del-label", text: d("linkLabel") }), el("div", { class: "ark-del-linjen" }, input, copyButton), said];
    if (what === "phone") dialog.append(el("p", { text: d(qr ? "phoneIntro" : "phoneIntroNoQr") }), figure, codeLine, ...linkBlock);
    else dialog.append(el("p", { text: d("intro") }), ...linkBlock, codeLine, figure);
    if (!qr && exportInstead) buttons.append(fileButton(false));
    buttons.append(closeButton);
  }
  dialog.append(buttons);
  closeButton.addEventListener("click", close);
  dialog.addEventListener("close", close);
  document.body.appendChild(dialog);
  dialog.showModal();
  (dialog.querySelector("[data-choice=copy], [data-choice=export]") || closeButton).focus();
}

function qrSvg(qr, url) {
  const svg = new DOMParser().parseFromString(qr.renderSVG(url, { border: 2, ecc: "L" }), "image/svg+xml").documentElement;
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", d("qrLabel"));
  return document.importNode(svg, true);
}

/* ---- Opening a link ------------------------------------------------------------------------ */

/* Drop #del=… from the address bar and from this history entry (the back button does not bring
 * it back); Material's own state in the entry is kept. */
function forgetFragment() {
  if (core.isShareFragment(location.hash)) history.replaceState(history.state, "", location.pathname + location.search);
}

/* The status line the outcome is said in: the shared sheet's, "Mit partnerskab"'s, or the first. */
function statusRoot(sheetIds) {
  const sheet = sheetIds.length === 1 && document.querySelector(`.ark[data-ark="${CSS.escape(sheetIds[0])}"]`);
  return sheet || document.querySelector("[data-ark-oversigt]") || document.querySelector(".ark[data-ark]");
}

/* After an import: every sheet on the page shows the (maybe new) current set; so does the overview. */
async function redraw(store) {
  const sheet = await import("./sheet.js");
  document.querySelectorAll(".ark[data-ark]").forEach((root) => {
    sheet.showSetName(root, store);
    root.querySelectorAll("tr[data-added-row]").forEach((tr) => tr.remove());
    sheet.resyncSheet(root, store);
  });
  const overview = document.querySelector("[data-ark-oversigt]");
  if (overview) await (await import("./overview.js")).refreshOverview(overview, store);
}

/* Say a message in a dialog with one "Luk" button; resolves when it is closed. */
function tell(message) {
  return new Promise((resolve) => {
    const { dialog, close } = dialogFrame(d("askTitle"), document.activeElement);
    dialog.setAttribute("data-ark-share-error", "");
    const ok = button(T.presentClose, { class: "md-button md-button--primary ark-btn" });
    dialog.append(el("p", { role: "alert", class: "ark-del-fejl", text: message }), el("div", { class: "ark-dialog-knapper" }, ok));
    const done = () => { close(); resolve(); };
    ok.addEventListener("click", done);
    dialog.addEventListener("close", done);
    document.body.appendChild(dialog);
    dialog.showModal();
    ok.focus();
  });
}

/* Ask for the code until it opens the link; resolves with {bytes} (the plaintext), {error} (a
 * message: the link cannot be opened at all) or null (cancelled). */
function askCode(token, maxBytes) {
  return new Promise((resolve) => {
    const { dialog, close } = dialogFrame(d("askTitle"), document.activeElement);
    dialog.setAttribute("data-ark-share-ask", "");
    const inputId = `ark-del-kode-${dialogCount}`;
    const errorId = `ark-del-fejl-${dialogCount}`;
    const input = el("input", { id: inputId, type: "text", name: "kode", autocomplete: "off", autocapitalize: "none", spellcheck: "false", required: "", "aria-describedby": errorId, class: "ark-del-kodefelt" });
    const error = el("p", { id: errorId, class: "ark-del-fejl", role: "alert" });
    const openButton = el("button", { type: "submit", class: "md-button md-button--primary ark-btn", text: d("open") });
    const cancel = button(T.cancel, { "data-choice": "cancel" });
    const form = el("form", { class: "ark-del-form" },
      el("label", { for: inputId, class: "ark-del-label", text: d("askLabel") }), input, error,
      el("div", { class: "ark-dialog-knapper" }, openButton, cancel));
    dialog.append(el("p", { text: d("askIntro") }), form);
    let finished = false;
    const finish = (value) => { if (finished) return; finished = true; close(); resolve(value); };
    cancel.addEventListener("click", () => finish(null));
    dialog.addEventListener("cancel", (e) => { e.preventDefault(); finish(null); });
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      if (openButton.disabled) return;
      openButton.disabled = true;
      input.setAttribute("aria-invalid", "false");
      error.textContent = d("opening");
      const result = await core.unseal(token, input.value, { maxBytes });
      openButton.disabled = false;
      if (result.ok) { finish({ bytes: result.bytes }); return; }
      if (result.reason === "wrong" || result.reason === "code") {
        error.textContent = d(result.reason === "code" ? "badCode" : "wrong");
        input.setAttribute("aria-invalid", "true");
        input.focus();
        input.select();
        return;
      }
      finish({ error: d(result.reason) });
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    input.focus();
  });
}

let receiving = false;

/**
 * The page was opened with #del=…: ask for the code, then offer the import. Never throws; the
 * fragment is gone from the address afterwards, whatever happened.
 * @param {object} store
 */
export async function receive(store) {
  const read = core.readFragment(location.hash);
  if (!read || receiving) return;
  receiving = true;
  try {
    if (!read.ok) { await tell(d(read.reason)); return; }
    const C = await loadContract();
    const opened = await askCode(read.token, C.limits.importBytes);
    if (!opened) { say([], { text: d("cancelled") }); return; }
    if (opened.error) { await tell(opened.error); return; }
    const result = readExport(opened.bytes, C);
    if (!result.ok) { await tell(result.error); return; }
    const { chooseImport } = await import("./importer.js");
    const message = await chooseImport(store, C, { ...result, fromLink: true }, d("source"));
    await redraw(store);
    say(Object.keys(result.worksheets), message || { text: d("cancelled") });
  } catch (e) {
    console.error(e);
    say([], { text: T.failed, error: true });
  } finally {
    forgetFragment();
    receiving = false;
  }
}

function say(sheetIds, message) {
  const root = statusRoot(sheetIds);
  if (root) status(root, message.text, message.error);
}
