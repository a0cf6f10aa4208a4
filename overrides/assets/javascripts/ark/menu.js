/* "Flere handlinger": the worksheet toolbar's disclosure (macros/templates/_ark.html). The toggle
 * names its list (aria-controls) and says whether it is open (aria-expanded); Escape closes it
 * and returns focus to the toggle, and so does using one of its actions. Imported by sheet.js,
 * whose click listener calls it: no listener of its own but one for Escape.
 */
const TOGGLE = "[data-ark-menu]";

function listOf(toggle) {
  return document.getElementById(toggle.getAttribute("aria-controls"));
}

/** Open or close the menu of `toggle`; with `refocus`, focus returns to the toggle. */
export function setOpen(toggle, open, refocus) {
  const list = listOf(toggle);
  if (!list) return;
  list.hidden = !open;
  toggle.setAttribute("aria-expanded", String(open));
  if (refocus) toggle.focus();
}

/** A click on the sheet: the toggle opens or closes its menu; an action in the menu closes it
 * (focus back on the toggle, as the action's button disappears). Returns true for the toggle. */
export function onClick(root, target) {
  const toggle = target.closest(TOGGLE);
  if (toggle) {
    setOpen(toggle, toggle.getAttribute("aria-expanded") !== "true", false);
    return true;
  }
  const list = target.closest("button[data-action]") && target.closest(".ark-menu");
  const owner = list && root.querySelector(`${TOGGLE}[aria-controls="${list.id}"]`);
  if (owner) setOpen(owner, false, true);
  return false;
}

export function bindMenu(root) {
  root.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    const toggle = root.querySelector(`${TOGGLE}[aria-expanded="true"]`);
    if (!toggle) return;
    e.preventDefault();
    setOpen(toggle, false, true);
  });
}
