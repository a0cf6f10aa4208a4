// The search dialog (partials/search.html), loaded by main.js when the reader approaches the
// search button or presses "/": the first time it opens, Pagefind's own UI (its Danish labels,
// keyboard and screen-reader support) is loaded from the index folder scripts/build_search
// writes, with the Danish query and result help of dansk.js.
import { danishQuery, showResult } from "./dansk.js";
import { bundle } from "./main.js";

// Pagefind's UI waits this long after a keystroke before it searches (its default is 300 ms, a
// third of the first answer's time on a phone); it loads the index for the typed word meanwhile.
// Shorter searches more often while someone types, which costs Pagefind a few milliseconds each.
const DEBOUNCE_MS = 60;
let started = null;
let term = ""; // the last query searched (sub-results are chosen for it)

// Into the dialog, not <head>: Material's instant navigation replaces <head> with the next
// page's, which would drop Pagefind's stylesheet; the header with the dialog stays.
function load(parent, tag, attrs) {
  return new Promise((resolve, reject) => {
    const el = Object.assign(document.createElement(tag), attrs);
    el.onload = resolve;
    el.onerror = () => reject(new Error(`${attrs.src || attrs.href} mangler`));
    parent.append(el);
  });
}

async function start(mount) {
  const dialog = mount.closest("dialog");
  const [, , words] = await Promise.all([
    load(dialog, "link", { rel: "stylesheet", href: new URL("pagefind-ui.css", bundle).href }),
    load(dialog, "script", { src: new URL("pagefind-ui.js", bundle).href }),
    fetch(new URL("dansk.json", bundle)).then((r) => r.json()),
  ]);
  new window.PagefindUI({
    element: mount,
    bundlePath: bundle.pathname,
    baseUrl: new URL("../", bundle).pathname, // result links under a sub-path (/parat/trin-4/)
    showSubResults: true,
    debounceTimeoutMs: DEBOUNCE_MS,
    showImages: false,
    resetStyles: false,
    excerptLength: 24,
    processTerm: (query) => (term = danishQuery(query, words.ascii)),
    processResult: (result) => showResult(result, term),
  });
  // Pagefind's field has only a placeholder: a real label (visually hidden; the dialog's heading
  // is above the field). Its text comes from partials/search.html (the strings file).
  const input = mount.querySelector("input");
  if (input) {
    input.id = "sog-felt";
    mount.before(Object.assign(document.createElement("label"), { htmlFor: input.id, className: "sr-only", textContent: mount.dataset.label }));
  }
}

/** Open the dialog; the first time, start Pagefind in it. */
export function open() {
  const dialog = document.getElementById("sog-dialog");
  if (!dialog || dialog.open) return;
  dialog.showModal();
  const mount = dialog.querySelector("#sog-ui");
  (prepare(mount) || Promise.resolve()).then(() => dialog.querySelector("input")?.focus());
}

/** Start loading Pagefind's UI into the (closed) dialog, once: the reader is about to search. */
export function prepare(mount = document.querySelector("#sog-ui")) {
  if (mount && !mount.dataset.started) {
    mount.dataset.started = "1";
    started = start(mount).catch((error) => {
      mount.textContent = mount.dataset.failed; // partials/search.html, from the strings file
      throw error;
    });
  }
  return started;
}
