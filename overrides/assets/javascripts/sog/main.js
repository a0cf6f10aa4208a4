// The site search's entry, on every page: a header button (and the "/" key) opens the search
// dialog (partials/search.html). Its code (dialog.js, with dansk.js) loads only when a reader
// heads for the search: the pointer over or a finger on the button, focus on it, or "/"; on the
// way there it also starts loading Pagefind, so the dialog answers sooner once opened (issue 25).
let dialog = null; // the promise of dialog.js once needed

const load = () => (dialog ||= import("./dialog.js"));
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
