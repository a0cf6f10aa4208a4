// The site search's entry, on every page: a header button (and the "/" key) opens the search
// dialog (partials/search.html) with its field at once, so typing starts right away. The code that
// searches (dialog.js, with dansk.js and results.js) loads only when a reader heads for the search:
// the pointer over or a finger on the button, focus on it, "/" or typing in the field; it then
// starts Pagefind, so the first answer comes sooner (issue 25).
let dialog = null; // the promise of dialog.js once needed

/** Pagefind's folder, which scripts/build_search writes at <site>/pagefind/ (this module is
 * <site>/assets/javascripts/sog/main.js). */
const bundle = new URL("../../../pagefind/", import.meta.url);

// Pagefind's module is fetched beside the dialog's code, not after it (dialog.js imports it).
// A failed load (offline, before the worker has the file) is tried again the next time.
const load = () =>
  (dialog ||= (import(new URL("pagefind.js", bundle).href).catch(() => {}), import("./dialog.js")).catch((error) => {
    dialog = null;
    throw error;
  }));
const element = (event) => (event.target instanceof Element ? event.target : null);
const button = (event) => element(event)?.closest(".sog-knap");

/** Wire the field (dialog.js); if its code cannot load, say so in the dialog. */
function start() {
  load()
    .then((m) => (m.prepare(bundle).catch(() => {}), m.start(bundle))) // a failure shows when the reader searches
    .catch(() => {
      const { failed } = JSON.parse(document.getElementById("strings-search").textContent);
      for (const status of document.querySelectorAll("#sog-dialog .sog-status, #sog-dialog [role=status]")) status.textContent = failed;
    });
}

function open() {
  const el = document.getElementById("sog-dialog");
  if (!el || el.open) return;
  el.showModal();
  el.querySelector("#sog-felt")?.focus();
  start();
}

// Heading for the button: load the dialog's code and start Pagefind, without opening anything.
for (const type of ["pointerover", "touchstart", "focusin"]) {
  document.addEventListener(type, (event) => { if (button(event)) load().then((m) => m.prepare(bundle)).catch(() => {}); }, { passive: true });
}
// Typing in the field before its code has loaded (or after it failed to): load it (again).
document.addEventListener("input", (event) => { if (element(event)?.id === "sog-felt") start(); });
document.addEventListener("click", (event) => { if (button(event)) open(); });
document.addEventListener("keydown", (event) => {
  const typing = element(event)?.closest("input, textarea, select, [contenteditable]");
  if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    open();
  }
});
