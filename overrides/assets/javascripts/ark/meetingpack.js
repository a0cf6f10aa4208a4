/* The meeting pack ("Mødepakke", the site's tool; issue 24): the form of macros/templates/
 * moedepakke.html ("Mit partnerskab", the route page). A number of copies per worksheet; the
 * click checks them (core/meetingpack.js) and loads ark/meetingpack-pdf.js, which makes the PDF.
 */
import { MAX_COPIES, planPack } from "./core/meetingpack.js";
import { t } from "./core/strings.js";
import { download } from "./download.js";
import { loadContract, siteRoot } from "./site.js";

/** The numbers typed in the form: {worksheet id: text}. */
function picked(form) {
  const out = {};
  form.querySelectorAll("input[type=number][name]").forEach((input) => { out[input.name] = input.value; });
  return out;
}

/**
 * Bind the form in `root` ([data-ark-moedepakke]) once.
 * @param {HTMLElement} root
 */
export function bindPack(root) {
  if (root.dataset.bound) return;
  root.dataset.bound = "1";
  const form = root.querySelector("form");
  const status = root.querySelector(".ark-status");
  const button = form.querySelector("button[type=submit]");
  form.querySelectorAll("input[type=number]").forEach((input) => { input.max = String(MAX_COPIES); });
  const say = (text, error = false) => {
    status.textContent = text;
    status.classList.toggle("is-error", error);
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (button.disabled) return;
    button.disabled = true;
    try {
      const { sheets, invalid } = planPack(await loadContract(), picked(form));
      if (invalid.length) {
        say(t("pack.badCopies", { max: MAX_COPIES, title: invalid[0].title }), true);
        form.querySelector(`input[name="${CSS.escape(invalid[0].id)}"]`)?.focus();
        return;
      }
      if (!sheets.length) return say(t("pack.none"), true);
      say(t("pack.making"));
      const { meetingPackPdf } = await import("./meetingpack-pdf.js");
      const { bytes, pages } = await meetingPackPdf(siteRoot(), sheets);
      download(bytes, t("pack.fileName"));
      say(t("pack.made", { sheets: sheets.length, n: pages }));
    } catch (error) {
      say(t("pack.failed"), true);
      console.error(error);
    } finally {
      button.disabled = false;
    }
  });
}
