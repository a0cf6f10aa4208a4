// The site search's entry, on every page: a header button (and the "/" key) opens the search
// dialog (partials/search.html) with its field at once, so typing starts right away. The code that
// searches (dialog.js, with dansk.js and results.js) loads only when a reader heads for the search:
// the pointer over or a finger on the button, focus on it, or "/"; it then starts Pagefind, so
// the first answer comes sooner (issue 25).
let dialog = null; // the promise of dialog.js once needed

/** Pagefind's folder, which scripts/build_search writes at <site>/pagefind/ (this module is
 * <site>/assets/javascripts/sog/main.js). */
const bundle = new URL("../../../pagefind/", import.meta.url);

// A failed load (offline, before the worker has the file) is tried again the next time.
// Pagefind's module is fetched beside the dialog's code, not after it (dialog.js imports it).
const load = () =>
  (dialog ||= (import(new URL("pagefind.js", bundle).href).catch(() => {}), import("./dialog.js")).catch((error) => {
    dialog = null;
    throw error;
  }));
const button = (event) => event.target instanceof Element && event.target.closest(".sog-knap");

function open() {
  const el = document.getElementById("sog-dialog");
  if (!el || el.open) return;
  el.showModal();
  el.querySelector("#sog-felt")?.focus();
  load()
    .then((m) => (m.prepare(bundle).catch(() => {}), m.start(bundle))) // a failure shows when the reader searches
    .catch(() => (el.querySelector(".sog-status").textContent = JSON.parse(document.getElementById("strings-search").textContent).failed));
}

// Heading for the button: load the dialog's code and start Pagefind, without opening anything.
for (const type of ["pointerover", "touchstart", "focusin"]) {
  document.addEventListener(type, (event) => { if (button(event)) load().then((m) => m.prepare(bundle)).catch(() => {}); }, { passive: true });
}
document.addEventListener("click", (event) => {
  if (button(event)) open();
  // A result link: close the dialog; Material's instant navigation (or the browser) follows it.
  else if (event.target instanceof Element && event.target.closest("#sog-dialog a[href]")) document.getElementById("sog-dialog").close();
});
document.addEventListener("keydown", (event) => {
  const typing = event.target.closest?.("input, textarea, select, [contenteditable]");
  if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    open();
  }
});
