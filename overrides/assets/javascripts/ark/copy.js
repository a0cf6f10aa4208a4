/* "Kopiér som tekst": the worksheet with its answers as rich text (HTML) and plain text on the
 * clipboard, for pasting into Word or an e-mail. Loaded when the button is pressed.
 */
import { T } from "./core/strings.js";

/** What a field shows in the copy: a ticked or empty box or circle, or its text ("–" when empty). */
function answerNode(el) {
  const span = document.createElement("span");
  if (el.type === "checkbox") span.textContent = el.checked ? "☑" : "☐";
  else if (el.type === "radio") span.textContent = el.checked ? "●" : "○";
  else {
    el.value.split("\n").forEach((line, i) => {
      if (i) span.appendChild(document.createElement("br"));
      span.appendChild(document.createTextNode(line));
    });
    if (!el.value) span.textContent = "–";
  }
  return span;
}

function buildCopy(root) {
  const out = document.createElement("div");
  out.appendChild(document.createElement("h2")).textContent = root.getAttribute("data-ark-title") || "";
  const step = root.getAttribute("data-ark-step");
  if (step) out.appendChild(document.createElement("p")).textContent = step;
  const form = root.querySelector("form").cloneNode(true);
  const live = [...root.querySelectorAll("form [data-key]")];
  form.querySelectorAll("[data-key]").forEach((el, i) => el.replaceWith(answerNode(live[i])));
  for (const n of form.querySelectorAll(".ark-print, .ark-box, template, .ark-blank-row, button, .no-print, .kopier-link, details:not([open]), .ark-example")) n.remove();
  for (const legend of form.querySelectorAll("legend")) {
    const title = document.createElement("h3");
    title.textContent = legend.textContent;
    if (!legend.classList.contains("sr-only")) legend.replaceWith(title); else legend.remove();
  }
  for (const label of form.querySelectorAll("label")) {
    const b = document.createElement("p");
    b.innerHTML = label.innerHTML;
    label.replaceWith(b);
  }
  out.appendChild(form);
  out.appendChild(document.createElement("p")).textContent = location.origin + location.pathname;
  return out;
}

export function copyAsText(root, say) {
  const node = buildCopy(root);
  for (const f of node.querySelectorAll("form")) {
    const d = document.createElement("div");
    d.innerHTML = f.innerHTML;
    f.replaceWith(d);
  }
  const html = node.innerHTML;
  const text = plainText(node);
  const done = () => say(T.copied);
  // Without the async clipboard (or when it refuses): select a hidden copy and "copy" it.
  const fallback = () => {
    const holder = document.createElement("div");
    holder.setAttribute("contenteditable", "true");
    holder.style.cssText = "position:fixed;left:-9999px;top:0";
    holder.innerHTML = html;
    document.body.appendChild(holder);
    const range = document.createRange();
    range.selectNodeContents(holder);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    let ok;
    try { ok = document.execCommand("copy"); } catch { ok = false; }
    sel.removeAllRanges();
    holder.remove();
    if (ok) done(); else say(T.copyFailed, true);
  };
  if (navigator.clipboard && window.ClipboardItem) {
    const item = new window.ClipboardItem({
      "text/html": new Blob([html], { type: "text/html" }),
      "text/plain": new Blob([text], { type: "text/plain" }),
    });
    navigator.clipboard.write([item]).then(done, fallback);
  } else fallback();
}

/** The copy as plain text: blocks on lines of their own, table cells separated by " | ". */
function plainText(node) {
  const lines = [];
  const walk = (n) => {
    if (n.nodeType === Node.TEXT_NODE) {
      const t = n.textContent.replace(/\s+/g, " ");
      if (t.trim()) lines.push((lines.pop() || "") + t);
      return;
    }
    if (n.nodeName === "BR") { lines.push(""); return; }
    const block = /^(H2|H3|P|LI|TR|DIV|UL|OL|TABLE)$/.test(n.nodeName);
    if (block) lines.push("");
    n.childNodes.forEach(walk);
    if (n.nodeName === "TD" || n.nodeName === "TH") lines.push((lines.pop() || "") + " | ");
    if (block) lines.push("");
  };
  walk(node);
  return lines.map((l) => l.trim()).join("\n").replace(/\n{3,}/g, "\n\n").trim() + "\n";
}
