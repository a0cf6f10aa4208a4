/* Printing one worksheet (with its answers or blank) from a page that may hold several:
 * print-page.css prints only the targets when body has "print-one". Imported by sheet.js, so the
 * classes are set in the click itself, with no module load in between.
 */
import { danishDate } from "./core/strings.js";

/**
 * The printed header of a sheet (macros/templates/_ark.html, `.ark-kopi`): the answer set's name
 * (the sheet shows it in [data-ark-set], ark/sheet.js) and today's date; empty on a blank printout.
 */
export function fillHeader(root, blank, today = new Date()) {
  const set = root.querySelector("[data-ark-set]");
  const values = { organisation: blank || !set ? "" : set.textContent, date: blank ? "" : danishDate(today) };
  for (const el of root.querySelectorAll("[data-ark-header]")) el.textContent = values[el.getAttribute("data-ark-header")] || "";
}

/* Printing from the browser's own menu (Ctrl+P) also prints the headers filled in. */
window.addEventListener("beforeprint", () => {
  const blank = document.body.classList.contains("print-blank");
  for (const root of document.querySelectorAll(".ark[data-ark]")) fillHeader(root, blank);
});

export function printSheet(root, blank) {
  fillHeader(root, blank);
  const body = document.body;
  const heading = root.previousElementSibling;
  const targets = [root];
  const embedded = !root.hasAttribute("data-standalone");
  // Its heading: with its "Kopiér link" button in a div.kopier-overskrift (macros/copy_links.py).
  if (embedded && heading && (/^H[1-6]$/.test(heading.nodeName) || heading.classList.contains("kopier-overskrift"))) targets.push(heading);
  if (embedded) {
    body.classList.add("print-one");
    for (const t of targets) t.classList.add("print-target");
  }
  body.classList.add(blank ? "print-blank" : "print-filled");
  const cleanup = () => {
    body.classList.remove("print-one", "print-blank", "print-filled");
    for (const t of targets) t.classList.remove("print-target");
    window.removeEventListener("afterprint", cleanup);
  };
  window.addEventListener("afterprint", cleanup);
  window.print();
}
