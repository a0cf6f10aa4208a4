/* "Mit partnerskab": the organisation or partnership's name printed on the current answer set's
 * sheets (store.setOrganisation; print.js prints it, or a blank line to write on). Kept apart from
 * overview.js, which only calls these two functions.
 */
import { t } from "./core/strings.js";
import { status } from "./sheet.js";

/** Save the field into the current set when it changes. */
export function bindOrganisation(root, store) {
  const input = root.querySelector("[data-ark-organisation]");
  if (!input) return;
  input.addEventListener("change", () => {
    const set = store.currentSet();
    store.setOrganisation(set.id, input.value);
    input.value = store.currentSet().organisation || "";
    status(root, t("overview.organisationSaved", { name: set.name }));
  });
}

/** Show the current set's name for the printouts (after a switch, or a change in another tab). */
export function showOrganisation(root, store) {
  const input = root.querySelector("[data-ark-organisation]");
  if (input && document.activeElement !== input) input.value = store.currentSet().organisation || "";
}
