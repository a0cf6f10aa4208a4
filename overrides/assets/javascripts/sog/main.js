// The site search's entry, on every page: a header button (and the "/" key) opens the search
// dialog (partials/search.html). Its code (dialog.js, with dansk.js) loads only when a reader
// heads for the search: the pointer over or a finger on the button, focus on it, or "/"; on the
// way there it also starts loading Pagefind, so the dialog answers sooner once opened (issue 25).
let dialog = null; // the promise of dialog.js once needed

/** Pagefind's folder, which scripts/build_search writes at <site>/pagefind/ (this module is
 * <site>/assets/javascripts/sog/main.js). */
export const bundle = new URL("../../../pagefind/", import.meta.url);

// What the dialog will need, fetched side by side with its module rather than one after another:
// dansk.js (imported by dialog.js), Pagefind's UI script and styles, and its search module (which
// the UI imports when the field gets focus). Loads, not runs: nothing starts before the dialog does.
function fetchAhead() {
  import("./dansk.js").catch(() => {}); // a failure shows when dialog.js imports it
  const hint = (rel, file, as) =>
    document.head.append(Object.assign(document.createElement("link"), { rel, href: new URL(file, bundle).href }, as ? { as } : {}));
  hint("preload", "pagefind-ui.js", "script");
  hint("preload", "pagefind-ui.css", "style");
  hint("modulepreload", "pagefind.js");
}

const load = () => (dialog ||= (fetchAhead(), import("./dialog.js")));
const button = (event) => event.target instanceof Element && event.target.closest(".sog-knap");

// Heading for the button: load the dialog and start Pagefind, without opening anything.
for (const type of ["pointerover", "touchstart", "focusin"]) {
  document.addEventListener(type, (event) => { if (button(event)) load().then((m) => m.prepare()); }, { passive: true });
}
document.addEventListener("click", (event) => {
  if (button(event)) load().then((m) => m.open());
  // A result link: close the dialog; Material's instant navigation (or the browser) follows it.
  else if (event.target instanceof Element && event.target.closest("#sog-dialog a[href]")) document.getElementById("sog-dialog").close();
});
document.addEventListener("keydown", (event) => {
  const typing = event.target.closest?.("input, textarea, select, [contenteditable]");
  if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    load().then((m) => m.open());
  }
});
