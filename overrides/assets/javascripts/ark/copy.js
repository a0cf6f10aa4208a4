/* "Kopiér som tekst": the worksheet with its answers as rich text (HTML) and plain text on the
 * clipboard, for pasting into Word or an e-mail. Loaded when the button is pressed.
 */
import { T } from "./core/strings.js";

function answerNode(el) {
  var span = document.createElement("span");
  if (el.type === "checkbox") span.textContent = el.checked ? "☑" : "☐";
  else if (el.type === "radio") span.textContent = el.checked ? "●" : "○";
  else {
    el.value.split("\n").forEach(function (line, i) {
      if (i) span.appendChild(document.createElement("br"));
      span.appendChild(document.createTextNode(line));
    });
    if (!el.value) span.textContent = "–";
  }
  return span;
}

function buildCopy(root) {
  var sheet = { title: root.getAttribute("data-ark-title") || "" };
  var out = document.createElement("div");
  var h = out.appendChild(document.createElement("h2"));
  h.textContent = sheet.title;
  var step = root.getAttribute("data-ark-step");
  if (step) out.appendChild(document.createElement("p")).textContent = step;
  var form = root.querySelector("form").cloneNode(true);
  var live = Array.from(root.querySelectorAll("form [data-key]"));
  Array.from(form.querySelectorAll("[data-key]")).forEach(function (el, i) { el.replaceWith(answerNode(live[i])); });
  Array.prototype.forEach.call(form.querySelectorAll(".ark-print, .ark-box, template, .ark-blank-row, button, .no-print, .kopier-link, details:not([open]), .ark-example"), function (n) { n.remove(); });
  Array.prototype.forEach.call(form.querySelectorAll("legend"), function (legend) {
    var title = document.createElement("h3");
    title.textContent = legend.textContent;
    if (!legend.classList.contains("sr-only")) legend.replaceWith(title); else legend.remove();
  });
  Array.prototype.forEach.call(form.querySelectorAll("label"), function (label) {
    var b = document.createElement("p");
    b.innerHTML = label.innerHTML;
    label.replaceWith(b);
  });
  out.appendChild(form);
  var address = out.appendChild(document.createElement("p"));
  address.textContent = location.origin + location.pathname;
  return out;
}

export function copyAsText(root, say) {
  var node = buildCopy(root);
  node.querySelectorAll("form").forEach(function (f) { var d = document.createElement("div"); d.innerHTML = f.innerHTML; f.replaceWith(d); });
  var html = node.innerHTML;
  var text = plainText(node);
  var done = function () { say(T.copied); };
  var fallback = function () {
    var holder = document.createElement("div");
    holder.setAttribute("contenteditable", "true");
    holder.style.cssText = "position:fixed;left:-9999px;top:0";
    holder.innerHTML = html;
    document.body.appendChild(holder);
    var range = document.createRange();
    range.selectNodeContents(holder);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    var ok;
    try { ok = document.execCommand("copy"); } catch { ok = false; }
    sel.removeAllRanges();
    holder.remove();
    if (ok) done(); else say(T.copyFailed, true);
  };
  if (navigator.clipboard && window.ClipboardItem) {
    var item = new window.ClipboardItem({
      "text/html": new Blob([html], { type: "text/html" }),
      "text/plain": new Blob([text], { type: "text/plain" }),
    });
    navigator.clipboard.write([item]).then(done, fallback);
  } else fallback();
}

function plainText(node) {
  var lines = [];
  (function walk(n) {
    if (n.nodeType === 3) { var t = n.textContent.replace(/\s+/g, " "); if (t.trim()) lines.push((lines.pop() || "") + t); return; }
    if (n.nodeName === "BR") { lines.push(""); return; }
    var block = /^(H2|H3|P|LI|TR|DIV|UL|OL|TABLE)$/.test(n.nodeName);
    if (block) lines.push("");
    Array.prototype.forEach.call(n.childNodes, walk);
    if (n.nodeName === "TD" || n.nodeName === "TH") lines.push((lines.pop() || "") + " | ");
    if (block) lines.push("");
  })(node);
  return lines.map(function (l) { return l.trim(); }).join("\n").replace(/\n{3,}/g, "\n\n").trim() + "\n";
}

