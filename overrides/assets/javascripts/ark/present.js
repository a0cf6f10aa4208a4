/* "Vis som præsentation": a worksheet's or a step page's numbered questions and checklist items shown one
 * at a time in large type for a meeting or a video call, with the item's number, its worksheet's
 * title and a QR code that opens the same item on a participant's phone. Loaded with the first
 * click on a [data-action="present"] button (main.js); the QR library (uqr, vendored by
 * scripts/vendor) and the stylesheet load only then. Nothing leaves the machine: the QR code is
 * drawn here from the page's own address.
 *
 * Keys (core/present.js), as in a slide program: Space, Enter, →, PageDown forward; Shift+Space,
 * ←, PageUp back; Home/End; Escape closes and gives focus back to where it was. Focus starts on
 * the view itself and Tab keeps it among the view's buttons; each new item is read out (a polite
 * live region). Fullscreen where the browser allows it; it works without.
 */
import { itemUrl, keyAction, move, startIndex, tabTarget } from "./core/present.js";
import { T } from "./core/strings.js";
import { el } from "./dom.js";
import { siteRoot } from "./site.js";

const QR_LIBRARY = "assets/vendor/uqr/uqr.esm.js";
const STYLESHEET = "assets/stylesheets/present.css";
let qrLibrary = null;
let stylesheet = null;
let open = null; // the presentation on screen: { close }

/** The QR code library (uqr), loaded once when first needed (also by share.js). */
export function loadQr() {
  if (!qrLibrary) qrLibrary = import(new URL(QR_LIBRARY, siteRoot()).href).catch((e) => { qrLibrary = null; throw e; });
  return qrLibrary;
}

function loadStylesheet() {
  if (!stylesheet) {
    stylesheet = new Promise((resolve, reject) => {
      const link = el("link", { rel: "stylesheet", href: new URL(STYLESHEET, siteRoot()).href });
      link.addEventListener("load", resolve, { once: true });
      link.addEventListener("error", () => { link.remove(); stylesheet = null; reject(new Error("present.css")); }, { once: true });
      document.head.appendChild(link);
    });
  }
  return stylesheet;
}

/* The item's text as its label shows it, without the number tag; links become plain text. */
function itemText(node) {
  const label = node.querySelector(".ark-label").cloneNode(true);
  label.querySelectorAll(".ark-nr").forEach((n) => n.remove());
  label.querySelectorAll("a").forEach((a) => a.replaceWith(a.textContent));
  const p = el("p", { class: "ark-vis-tekst" });
  p.append(...Array.from(label.childNodes));
  p.normalize();
  if (p.firstChild && p.firstChild.nodeType === Node.TEXT_NODE) p.firstChild.textContent = p.firstChild.textContent.replace(/^\s+/, "");
  return p;
}

/** The numbered items in `scope` (a worksheet, or the page), in page order. */
export function collectItems(scope) {
  return Array.from(scope.querySelectorAll(".ark[data-ark] [data-ark-nr]")).map((node) => {
    const sheet = node.closest(".ark[data-ark]");
    // nr: the site's number (the item's key, QR label); shown: "" where the book numbers the item
    // itself ("1. Parterne"), so the screen never shows two numbers.
    const nr = node.getAttribute("data-ark-nr");
    return { nr, shown: node.hasAttribute("data-ark-bognr") ? "" : nr, id: node.id, sheet: sheet.getAttribute("data-ark-title") || "", node };
  });
}

/**
 * Open the presentation for the button's worksheet (inside .ark) or, for a button outside one
 * (the step page's "Vis trinnet som præsentation"), for every worksheet on the page.
 * @param {HTMLElement} button
 */
export async function present(button) {
  if (open) return;
  const sheet = button.closest(".ark[data-ark]");
  const items = collectItems(sheet || document.querySelector("article") || document.body);
  if (!items.length) return;
  const what = sheet ? sheet.getAttribute("data-ark-title") : button.getAttribute("data-present-title") || document.title;
  open = { close() {} }; // a second click while the library loads opens nothing more
  try {
    const [qr] = await Promise.all([loadQr(), loadStylesheet()]);
    show(items, what, qr, button);
  } catch (e) {
    open = null;
    throw e;
  }
}

function show(items, what, qr, opener) {
  const returnTo = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : opener;
  const titleId = "ark-vis-titel";
  const sheetLine = el("p", { class: "ark-vis-ark" });
  const nr = el("p", { class: "ark-vis-nr" });
  const live = el("div", { class: "ark-vis-punkt", "aria-live": "polite", "aria-atomic": "true" });
  const qrBox = el("div", { class: "ark-vis-qr-kode" });
  const counter = el("p", { class: "ark-vis-taeller" });
  const prev = el("button", { type: "button", class: "md-button ark-vis-knap", "data-move": "prev", text: "← " + T.presentPrev });
  const next = el("button", { type: "button", class: "md-button md-button--primary ark-vis-knap", "data-move": "next", text: T.presentNext + " →" });
  const closeButton = el("button", { type: "button", class: "md-button ark-vis-luk", "data-move": "close", text: T.presentClose + " (Esc)" });
  const overlay = el("div", { class: "ark-vis md-typeset", role: "dialog", "aria-modal": "true", "aria-labelledby": titleId, tabindex: "-1" },
    el("div", { class: "ark-vis-top" }, el("h2", { id: titleId, class: "ark-vis-titel", text: T.presentTitle(what) }), closeButton),
    el("div", { class: "ark-vis-midte" },
      live,
      el("figure", { class: "ark-vis-qr" }, qrBox, el("figcaption", { text: T.presentQrCaption }))),
    el("div", { class: "ark-vis-bund" }, prev, counter, next, el("p", { class: "ark-vis-hjaelp", text: T.presentKeys })));

  let index = startIndex(items, location.hash);
  function render() {
    const item = items[index];
    sheetLine.textContent = item.sheet;
    nr.textContent = item.shown;
    live.replaceChildren(nr, sheetLine, itemText(item.node));
    const url = itemUrl(location.href, item.id);
    const svg = new DOMParser().parseFromString(qr.renderSVG(url, { border: 2 }), "image/svg+xml").documentElement;
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", T.presentQr(item.nr));
    qrBox.replaceChildren(document.importNode(svg, true));
    qrBox.setAttribute("data-url", url);
    overlay.setAttribute("data-ark-nr", item.nr);
    counter.textContent = T.presentCounter(index + 1, items.length);
    const focused = document.activeElement;
    prev.disabled = index === 0;
    next.disabled = index === items.length - 1;
    if (focused instanceof HTMLButtonElement && focused.disabled) overlay.focus(); // not lost to <body>
  }

  // Everything else on the page is inert while the presentation is open (focus stays inside).
  const inert = Array.from(document.body.children).filter((n) => !n.inert);
  let fullscreen = false;
  function close() {
    if (!open) return;
    open = null;
    document.removeEventListener("keydown", onKey, true);
    document.removeEventListener("fullscreenchange", onFullscreen);
    if (fullscreen && document.fullscreenElement === overlay) document.exitFullscreen().catch(() => {});
    overlay.remove();
    inert.forEach((n) => { n.inert = false; });
    // A button inside the closed "Flere handlinger" menu cannot take focus: its toggle does.
    const menu = returnTo && returnTo.closest(".ark-menu[hidden]");
    const target = menu ? document.querySelector(`[aria-controls="${menu.id}"]`) : returnTo;
    if (target && target.isConnected) target.focus();
  }
  function go(action) {
    if (action === "close") return close();
    const to = move(index, items.length, action);
    if (to !== index) { index = to; render(); }
  }
  function onKey(e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === "Tab") {
      const controls = Array.from(overlay.querySelectorAll("button:not([disabled])"));
      const to = tabTarget(controls.indexOf(document.activeElement), controls.length, e.shiftKey);
      e.preventDefault();
      if (to >= 0) controls[to].focus();
      return;
    }
    const onButton = e.target instanceof HTMLButtonElement && overlay.contains(e.target);
    const action = keyAction(e.key, { shiftKey: e.shiftKey, onButton });
    if (!action) return;
    e.preventDefault();
    e.stopPropagation();
    go(action);
  }
  // Escape in fullscreen is the browser's (it leaves fullscreen): leaving it ends the presentation.
  function onFullscreen() { if (fullscreen && !document.fullscreenElement) close(); }

  overlay.addEventListener("click", (e) => {
    const b = e.target.closest("button[data-move]");
    if (!b) return;
    go(b.getAttribute("data-move"));
    // Clicked with a mouse (not Space or Enter, detail 0): the keys page on from the view again.
    if (open && e.detail > 0) overlay.focus();
  });
  render();
  document.body.appendChild(overlay);
  inert.forEach((n) => { n.inert = true; });
  document.addEventListener("keydown", onKey, true);
  open = { close };
  overlay.focus(); // on the view, Space and Enter page forward (on "Luk" they closed it)
  if (document.fullscreenEnabled && !document.fullscreenElement && overlay.requestFullscreen) {
    overlay.requestFullscreen().then(() => {
      fullscreen = true;
      document.addEventListener("fullscreenchange", onFullscreen);
    }).catch(() => {}); // not allowed here (no user gesture left, a frame, a setting): a full-window overlay
  }
}
