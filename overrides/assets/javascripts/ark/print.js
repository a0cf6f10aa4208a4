/* Printing one worksheet (with its answers or blank) from a page that may hold several:
 * print-page.css prints only the targets when body has "print-one". Imported by sheet.js, so the
 * classes are set in the click itself, with no module load in between.
 */
import { danishDate } from "./core/strings.js";

/**
 * The printed header of a sheet (macros/templates/_ark.html, `.ark-kopi`): the organisation or
 * partnership's name the answer set carries (data-ark-organisation, ark/sheet.js; not the set's
 * own name, which only tells sets apart) and today's date; a blank line where there is none.
 */
export function fillHeader(root, blank, today = new Date()) {
  const values = { organisation: blank ? "" : root.getAttribute("data-ark-organisation"), date: blank ? "" : danishDate(today) };
  for (const el of root.querySelectorAll("[data-ark-header]")) el.textContent = values[el.getAttribute("data-ark-header")] || "";
}

/* Printing from the browser's own menu (Ctrl+P) also prints the headers filled in. */
window.addEventListener("beforeprint", () => {
  const blank = document.body.classList.contains("print-blank");
  for (const root of document.querySelectorAll(".ark[data-ark]")) fillHeader(root, blank);
});

/* A heading: a plain one, or with its "Kopiér link" button in a div.kopier-overskrift (macros/copy_links.py). */
function isHeading(el) {
  return /^H[1-6]$/.test(el.nodeName) || el.classList.contains("kopier-overskrift");
}

/**
 * What prints with an embedded sheet besides itself: its title, found walking back from the sheet
 * over the site's note under a title (p.hjemmesidens, macros/templates/_hjemmesidens.html). A
 * sheet without a heading or title line (p.ark-titel: the book's caption, niveau=0) right before it
 * prints alone.
 */
export function titleOf(root) {
  const found = [];
  for (let el = root.previousElementSibling; el; el = el.previousElementSibling) {
    if (isHeading(el)) return found.concat([el]);
    if (el.classList.contains("ark-titel")) return found.concat([el]); // a title line, not a heading
    if (!el.classList.contains("hjemmesidens")) return [];
    found.push(el);
  }
  return [];
}

export function printSheet(root, blank) {
  fillHeader(root, blank);
  const body = document.body;
  const embedded = !root.hasAttribute("data-standalone");
  const targets = [root, ...(embedded ? titleOf(root) : [])];
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

