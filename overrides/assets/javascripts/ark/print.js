/* Printing one worksheet (with its answers or blank) from a page that may hold several:
 * print.css prints only the targets when body has "print-one". Imported by sheet.js, so the
 * classes are set in the click itself, with no module load in between.
 */
export function printSheet(root, blank) {
  var body = document.body;
  var heading = root.previousElementSibling;
  var targets = [root];
  var embedded = !root.hasAttribute("data-standalone");
  // Its heading: with its "Kopiér link" button in a div.kopier-overskrift (macros/copy_links.py).
  if (embedded && heading && (/^H[1-6]$/.test(heading.nodeName) || heading.classList.contains("kopier-overskrift"))) targets.push(heading);
  if (embedded) {
    body.classList.add("print-one");
    targets.forEach(function (t) { t.classList.add("print-target"); });
  }
  body.classList.add(blank ? "print-blank" : "print-filled");
  var cleanup = function () {
    body.classList.remove("print-one", "print-blank", "print-filled");
    targets.forEach(function (t) { t.classList.remove("print-target"); });
    window.removeEventListener("afterprint", cleanup);
  };
  window.addEventListener("afterprint", cleanup);
  window.print();
}

