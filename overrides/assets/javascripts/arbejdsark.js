/* Worksheets: save answers in this browser only, restore them, export/import, copy, print.
 *
 * Storage: one localStorage entry per field, keyed "v<version>:<worksheet-id>:<field-key>",
 * so other tabs can follow a single change through the `storage` event. Nothing typed ever
 * leaves the browser: no request is made by anything in this file.
 * Material's instant navigation swaps pages without reloading scripts, so everything is
 * (re)bound from `document$` and made idempotent with data-bound markers.
 */
(function () {
  "use strict";

  var VERSION = 1;
  var PREFIX = "v" + VERSION + ":";
  var FORMAT = "parat-til-private-partnerskaber/svar";
  var MAX_IMPORT_BYTES = 2 * 1024 * 1024;
  var MAX_VALUE_CHARS = 50000;
  var ROW_KEY = "_rows";

  var T = {
    saved: "Gemt i denne browser kl. ",
    restored: function (n) { return n + " svar hentet fra denne browser."; },
    noStorage: "Browseren tillader ikke, at svarene gemmes (fx privat tilstand eller blokeret lager). Du kan stadig udfylde og udskrive arket, men svarene forsvinder, når siden lukkes. Brug “Eksportér svar” for at gemme dem i en fil.",
    quota: "Svaret kunne ikke gemmes, fordi browserens lager er fuldt. Det står stadig på siden – eksportér svarene til en fil, så intet går tabt.",
    confirmClear: function (title) { return "Vil du slette alle svar i „" + title + "“? Det kan ikke fortrydes."; },
    cleared: "Alle svar i arket er slettet.",
    copied: "Arket er kopieret – sæt det ind i Word eller en e-mail.",
    copyFailed: "Kopieringen lykkedes ikke. Markér teksten og kopiér den selv.",
    exported: function (name) { return "Svarene er gemt i filen " + name + "."; },
    imported: function (n) { return n + " svar er importeret."; },
    confirmImport: "Importen erstatter de nuværende svar. Fortsæt?",
    confirmExample: "Eksemplet skriver over de felter, der allerede er udfyldt. Fortsæt?",
    exampleLoaded: "Bogens eksempel er sat ind – ret det til, så det passer til jer.",
    rowAdded: "En ny række er tilføjet.",
    badJson: "Filen kunne ikke læses: den er ikke en gyldig JSON-fil fra arbejdsarkene. Intet er ændret.",
    tooBig: "Filen er for stor til at være en eksport af arbejdsark. Intet er ændret.",
    foreign: "Filen er ikke en eksport fra „Parat til private partnerskaber“. Intet er ændret.",
    newer: function (v) { return "Filen er lavet med en nyere version af arbejdsarkene (version " + v + "). Opdatér siden, og prøv igen. Intet er ændret."; },
    wrongSheet: function (title, found) { return "Filen indeholder ikke svar til „" + title + "“" + (found ? " (den indeholder: " + found + ")" : "") + ". Intet er ændret."; },
    unknownSheet: function (id) { return "Filen indeholder et ukendt arbejdsark („" + id + "“). Intet er ændret."; },
    badField: function (id, key) { return "Filen indeholder et ukendt eller ugyldigt felt („" + key + "“ i „" + id + "“). Intet er ændret."; },
    progressNone: "ikke påbegyndt",
    progress: function (n, total) { return n + " af " + total + " udfyldt"; },
    progressDone: "udfyldt",
  };

  /* ---- Storage: localStorage when allowed, otherwise an in-page map (nothing lost while open). */
  var memory = {};
  var storageOk = (function () {
    try {
      var k = "__arbejdsark_test__";
      window.localStorage.setItem(k, k);
      window.localStorage.removeItem(k);
      return true;
    } catch (e) {
      return false;
    }
  })();

  function fullKey(ws, key) { return PREFIX + ws + ":" + key; }

  function getValue(ws, key) {
    var k = fullKey(ws, key);
    if (storageOk) {
      try { var v = window.localStorage.getItem(k); if (v !== null) return v; } catch (e) { /* fall through */ }
    }
    return Object.prototype.hasOwnProperty.call(memory, k) ? memory[k] : "";
  }

  /* Returns false when the browser refused to store (quota); the value is kept in memory then. */
  function setValue(ws, key, value) {
    var k = fullKey(ws, key);
    if (value === "" || value === null) { delete memory[k]; } else { memory[k] = value; }
    if (!storageOk) return true;
    try {
      if (value === "" || value === null) window.localStorage.removeItem(k);
      else window.localStorage.setItem(k, value);
      return true;
    } catch (e) {
      return false;
    }
  }

  function storedEntries(ws) {
    var out = {};
    var prefix = PREFIX + ws + ":";
    Object.keys(memory).forEach(function (k) { if (k.indexOf(prefix) === 0) out[k.slice(prefix.length)] = memory[k]; });
    if (storageOk) {
      for (var i = 0; i < window.localStorage.length; i++) {
        var k = window.localStorage.key(i);
        if (k && k.indexOf(prefix) === 0) out[k.slice(prefix.length)] = window.localStorage.getItem(k);
      }
    }
    return out;
  }

  function clearSheet(ws) {
    Object.keys(storedEntries(ws)).forEach(function (key) { setValue(ws, key, ""); });
  }

  /* ---- Fields ---------------------------------------------------------------------------- */
  function fields(root) { return Array.prototype.slice.call(root.querySelectorAll("[data-key]")); }

  function readField(el) {
    if (el.type === "checkbox") return el.checked ? "1" : "";
    if (el.type === "radio") return el.checked ? el.value : null; // null: not this radio's business
    return el.value;
  }

  function isBlank(el) { return el.type === "checkbox" || el.type === "radio" ? !el.checked : el.value === ""; }

  function writeField(el, value) {
    if (el.type === "checkbox") el.checked = value === "1";
    else if (el.type === "radio") el.checked = value !== "" && el.value === value;
    else el.value = value;
    syncPrintCopy(el);
  }

  /* Textareas clip when printed: each has a sibling .ark-print that mirrors its text. */
  function syncPrintCopy(el) {
    var copy = el.nextElementSibling;
    if (!copy || !copy.classList.contains("ark-print")) return;
    var span = copy.firstElementChild || copy.appendChild(document.createElement("span"));
    span.textContent = el.value;
    var note = copy.closest(".ark-note");
    if (note) note.classList.toggle("is-empty", el.value === "");
  }

  function sheetOf(root) {
    return { id: root.getAttribute("data-ark"), title: root.getAttribute("data-ark-title") || "" };
  }

  function status(root, message, isError) {
    var el = root.querySelector(".ark-status");
    if (!el) return;
    el.textContent = message;
    el.classList.toggle("is-error", !!isError);
  }

  /* ---- Added rows (risk analysis, KPI table) --------------------------------------------- */
  function rowPrefix(root) { return root.classList.contains("ark--risk") ? "egen" : "raekke"; }

  function addRow(root, n) {
    var template = root.querySelector("template.ark-row-template");
    var body = root.querySelector("tbody[data-rows]");
    if (!template || !body || root.querySelector('[data-added-row="' + n + '"]')) return null;
    var row = rowPrefix(root) + "-" + n;
    var html = template.innerHTML.split("{row}").join(row).split("{n}").join(String(n));
    var holder = document.createElement("tbody");
    holder.innerHTML = html.trim();
    var tr = holder.firstElementChild;
    tr.setAttribute("data-added-row", String(n));
    tr.id = root.getAttribute("data-ark") + "--" + row;
    var blank = body.querySelector(".ark-blank-row");
    body.insertBefore(tr, blank);
    return tr;
  }

  function restoreRows(root) {
    var count = parseInt(getValue(root.getAttribute("data-ark"), ROW_KEY), 10) || 0;
    for (var n = 1; n <= count; n++) addRow(root, n);
  }

  function removeAddedRows(root) {
    Array.prototype.forEach.call(root.querySelectorAll("tr[data-added-row]"), function (tr) { tr.remove(); });
  }

  /* Which keys may a worksheet hold? Static keys from the page or manifest, plus added rows. */
  function keyRule(spec) {
    var keys = {};
    spec.keys.forEach(function (k) { keys[k] = true; });
    var rowPattern = spec.rowKeys && spec.rowKeys.length
      ? new RegExp("^(" + spec.rowKeys.map(function (k) {
          return k.replace(/[-]/g, "\\-").replace("{row}", spec.rowPrefix + "-[1-9][0-9]{0,2}");
        }).join("|") + ")$")
      : null;
    return function (key, value) {
      if (typeof value !== "string" || value.length > MAX_VALUE_CHARS) return false;
      if (key === ROW_KEY) return !!rowPattern && /^[0-9]{1,3}$/.test(value);
      return keys[key] === true || (!!rowPattern && rowPattern.test(key));
    };
  }

  function specFromPage(root) {
    var template = root.querySelector("template.ark-row-template");
    var rowKeys = [];
    if (template) {
      Array.prototype.forEach.call(template.content.querySelectorAll("[data-key]"), function (el) {
        var k = el.getAttribute("data-key");
        if (rowKeys.indexOf(k) < 0) rowKeys.push(k);
      });
    }
    var keys = [];
    fields(root).forEach(function (el) { var k = el.getAttribute("data-key"); if (keys.indexOf(k) < 0) keys.push(k); });
    return { keys: keys, rowKeys: rowKeys, rowPrefix: rowPrefix(root) };
  }

  /* ---- Binding a worksheet --------------------------------------------------------------- */
  function restore(root) {
    var ws = root.getAttribute("data-ark");
    restoreRows(root);
    var n = 0;
    fields(root).forEach(function (el) {
      var v = getValue(ws, el.getAttribute("data-key"));
      if (v !== "" && (el.type !== "radio" || el.value === v)) n++;
      if (v !== "" || !isBlank(el)) writeField(el, v);  // an untouched empty field stays as served
    });
    return n;
  }

  function saveField(root, el) {
    var value = readField(el);
    if (value === null) return;
    var ok = setValue(root.getAttribute("data-ark"), el.getAttribute("data-key"), value);
    syncPrintCopy(el);
    if (!ok) status(root, T.quota, true);
    else if (storageOk) status(root, T.saved + new Date().toLocaleTimeString("da-DK", { hour: "2-digit", minute: "2-digit" }) + ".");
  }

  function bind(root) {
    if (root.getAttribute("data-bound") === "1") return;
    root.setAttribute("data-bound", "1");
    var form = root.querySelector("form");
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var onInput = function (e) { if (e.target.hasAttribute("data-key")) saveField(root, e.target); };
    form.addEventListener("input", onInput);
    form.addEventListener("change", onInput);
    root.addEventListener("click", function (e) {
      var button = e.target.closest("button[data-action]");
      if (button && ACTIONS[button.getAttribute("data-action")]) ACTIONS[button.getAttribute("data-action")](root, button);
    });
    var file = root.querySelector('input[data-action="import"]');
    if (file) file.addEventListener("change", function () { importFile(file, root); });
    var n = restore(root);
    if (!storageOk) status(root, T.noStorage, true);
    else if (n) status(root, T.restored(n));
  }

  /* ---- Actions --------------------------------------------------------------------------- */
  var ACTIONS = {
    "print-filled": function (root) { printSheet(root, false); },
    "print-blank": function (root) { printSheet(root, true); },
    "copy-text": function (root) { copyAsText(root); },
    "export": function (root) {
      var sheet = sheetOf(root);
      var data = {};
      data[sheet.id] = storedEntries(sheet.id);
      download(data, "arbejdsark-" + sheet.id);
      status(root, T.exported("arbejdsark-" + sheet.id + "-" + today() + ".json"));
    },
    "clear": function (root) {
      var sheet = sheetOf(root);
      if (!window.confirm(T.confirmClear(sheet.title))) return;
      clearSheet(sheet.id);
      removeAddedRows(root);
      fields(root).forEach(function (el) { writeField(el, ""); });
      status(root, T.cleared);
    },
    "add-row": function (root) {
      var ws = root.getAttribute("data-ark");
      var n = (parseInt(getValue(ws, ROW_KEY), 10) || 0) + 1;
      var tr = addRow(root, n);
      if (!setValue(ws, ROW_KEY, String(n))) status(root, T.quota, true);
      else status(root, T.rowAdded);
      var first = tr && tr.querySelector("[data-key]");
      if (first) first.focus();
    },
    "load-example": function (root) {
      var targets = Array.prototype.slice.call(root.querySelectorAll("[data-example]"));
      var filled = targets.some(function (el) { return el.value.trim() !== ""; });
      if (filled && !window.confirm(T.confirmExample)) return;
      targets.forEach(function (el) { el.value = el.getAttribute("data-example"); saveField(root, el); });
      status(root, T.exampleLoaded);
      if (targets[0]) targets[0].focus();
    },
  };

  function today() { return new Date().toISOString().slice(0, 10); }

  function download(worksheets, name) {
    var payload = { format: FORMAT, version: VERSION, exported: new Date().toISOString(), worksheets: worksheets };
    var blob = new Blob([JSON.stringify(payload, null, 2)], { type: "application/json" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name + "-" + today() + ".json";
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }

  /* Parse and check a whole file before touching anything: a bad file changes nothing. */
  function parseImport(text, specs, onlyId) {
    var data;
    try { data = JSON.parse(text); } catch (e) { return { error: T.badJson }; }
    if (!data || typeof data !== "object" || data.format !== FORMAT || typeof data.worksheets !== "object" || data.worksheets === null || Array.isArray(data.worksheets)) {
      return { error: T.foreign };
    }
    if (typeof data.version !== "number" || data.version < 1) return { error: T.foreign };
    if (data.version > VERSION) return { error: T.newer(data.version) };
    var ids = Object.keys(data.worksheets);
    if (onlyId && ids.indexOf(onlyId) < 0) return { error: "", missing: true, ids: ids };
    for (var i = 0; i < ids.length; i++) {
      var id = ids[i];
      if (onlyId && id !== onlyId) continue; // a file with all sheets: take this sheet's part
      if (!specs[id]) return { error: T.unknownSheet(id), ids: ids };
      var entries = data.worksheets[id];
      if (!entries || typeof entries !== "object" || Array.isArray(entries)) return { error: T.foreign };
      var allowed = keyRule(specs[id]);
      var keys = Object.keys(entries);
      for (var j = 0; j < keys.length; j++) {
        if (!allowed(keys[j], entries[keys[j]])) return { error: T.badField(id, keys[j]) };
      }
    }
    return { worksheets: data.worksheets, ids: ids };
  }

  /* Write all imported sheets, or none: on a storage failure the previous answers come back. */
  function applyImport(worksheets) {
    var ids = Object.keys(worksheets);
    var before = {};
    ids.forEach(function (id) { before[id] = storedEntries(id); });
    var ok = true;
    ids.forEach(function (id) {
      clearSheet(id);
      Object.keys(worksheets[id]).forEach(function (key) { ok = setValue(id, key, worksheets[id][key]) && ok; });
    });
    if (!ok) {
      ids.forEach(function (id) {
        clearSheet(id);
        Object.keys(before[id]).forEach(function (key) { setValue(id, key, before[id][key]); });
      });
    }
    return ok;
  }

  function readFile(input, done) {
    var file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) { done(null, T.tooBig); return; }
    var reader = new FileReader();
    reader.onload = function () { done(String(reader.result)); };
    reader.onerror = function () { done(null, T.badJson); };
    reader.readAsText(file);
  }

  function importFile(input, root) {
    var sheet = sheetOf(root);
    readFile(input, function (text, error) {
      if (error) { status(root, error, true); return; }
      var specs = {};
      specs[sheet.id] = specFromPage(root);
      var result = parseImport(text, specs, sheet.id);
      if (result.missing) result.error = T.wrongSheet(sheet.title, result.ids.join(", "));
      if (result.error) { status(root, result.error, true); return; }
      var only = {};
      only[sheet.id] = result.worksheets[sheet.id];
      if (Object.keys(storedEntries(sheet.id)).length && !window.confirm(T.confirmImport)) return;
      if (!applyImport(only)) { status(root, T.quota, true); return; }
      removeAddedRows(root);
      var n = restore(root);
      status(root, T.imported(n));
    });
  }

  function readManifest() {
    var el = document.getElementById("ark-manifest");
    if (!el) return null;
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  /* ---- Copy as rich text ----------------------------------------------------------------- */
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
    var sheet = sheetOf(root);
    var out = document.createElement("div");
    var h = out.appendChild(document.createElement("h2"));
    h.textContent = sheet.title;
    var step = root.getAttribute("data-ark-step");
    if (step) out.appendChild(document.createElement("p")).textContent = step;
    var form = root.querySelector("form").cloneNode(true);
    var live = fields(root);
    fields(form).forEach(function (el, i) { el.replaceWith(answerNode(live[i])); });
    Array.prototype.forEach.call(form.querySelectorAll(".ark-print, .ark-box, template, .ark-blank-row, button, .no-print, .kopier-link, details:not([open])"), function (n) { n.remove(); });
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

  function copyAsText(root) {
    var node = buildCopy(root);
    node.querySelectorAll("form").forEach(function (f) { var d = document.createElement("div"); d.innerHTML = f.innerHTML; f.replaceWith(d); });
    var html = node.innerHTML;
    var text = plainText(node);
    var done = function () { status(root, T.copied); };
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
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      sel.removeAllRanges();
      holder.remove();
      if (ok) done(); else status(root, T.copyFailed, true);
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

  /* ---- Printing -------------------------------------------------------------------------- */
  function printSheet(root, blank) {
    var body = document.body;
    var heading = root.previousElementSibling;
    var targets = [root];
    var embedded = !root.hasAttribute("data-standalone");
    if (embedded && heading && /^H[1-6]$/.test(heading.nodeName)) targets.push(heading);
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

  /* ---- Overview page ("Mit partnerskab") -------------------------------------------------- */
  function bindOverview(root) {
    if (root.getAttribute("data-bound") === "1") return;
    root.setAttribute("data-bound", "1");
    var manifest = readManifest();
    if (!manifest) return;
    root.addEventListener("click", function (e) {
      var button = e.target.closest('button[data-action="export-all"]');
      if (!button) return;
      var all = {};
      Object.keys(manifest.worksheets).forEach(function (id) {
        var entries = storedEntries(id);
        if (Object.keys(entries).length) all[id] = entries;
      });
      download(all, "arbejdsark-alle");
      status(root, T.exported("arbejdsark-alle-" + today() + ".json"));
    });
    var input = root.querySelector('input[data-action="import-all"]');
    input.addEventListener("change", function () {
      readFile(input, function (text, error) {
        if (error) { status(root, error, true); return; }
        var result = parseImport(text, manifest.worksheets);
        if (result.error) { status(root, result.error, true); return; }
        var existing = result.ids.some(function (id) { return Object.keys(storedEntries(id)).length; });
        if (existing && !window.confirm(T.confirmImport)) return;
        if (!applyImport(result.worksheets)) { status(root, T.quota, true); return; }
        var n = result.ids.reduce(function (sum, id) { return sum + Object.keys(result.worksheets[id]).length; }, 0);
        status(root, T.imported(n));
        updateProgress(root, manifest);
      });
    });
    if (!storageOk) status(root, T.noStorage, true);
    updateProgress(root, manifest);
  }

  function updateProgress(root, manifest) {
    Array.prototype.forEach.call(root.querySelectorAll("[data-ark-progress]"), function (li) {
      var spec = manifest.worksheets[li.getAttribute("data-ark-progress")];
      var entries = storedEntries(li.getAttribute("data-ark-progress"));
      var total = spec.countable.length;
      var done = spec.countable.filter(function (k) { return entries[k]; }).length;
      var extra = Object.keys(entries).some(function (k) { return spec.countable.indexOf(k) < 0 && k !== ROW_KEY; });
      var label = li.querySelector(".ark-progress");
      label.textContent = "(" + (done === 0 && !extra ? T.progressNone : done >= total && total > 0 ? T.progressDone : T.progress(done, total)) + ")";
      label.classList.toggle("is-done", total > 0 && done >= total);
    });
  }

  /* ---- Other tabs: follow their changes -------------------------------------------------- */
  window.addEventListener("storage", function (e) {
    if (!e.key || e.key.indexOf(PREFIX) !== 0) {
      if (e.key === null) rebindAll();
      return;
    }
    var rest = e.key.slice(PREFIX.length);
    var ws = rest.slice(0, rest.indexOf(":"));
    var key = rest.slice(rest.indexOf(":") + 1);
    Array.prototype.forEach.call(document.querySelectorAll('.ark[data-ark="' + ws + '"]'), function (root) {
      if (key === ROW_KEY) { restore(root); return; }  // restore() adds the rows first
      if (!root.querySelector('[data-key="' + key + '"]') && /^(egen|raekke)-/.test(key)) restoreRows(root);
      Array.prototype.forEach.call(root.querySelectorAll('[data-key="' + key + '"]'), function (el) { writeField(el, e.newValue || ""); });
    });
    var overview = document.querySelector("[data-ark-oversigt]");
    if (overview) updateProgress(overview, readManifest());
  });

  function rebindAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".ark[data-ark]"), function (root) { removeAddedRows(root); restore(root); });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".ark[data-ark]"), bind);
    var overview = document.querySelector("[data-ark-oversigt]");
    if (overview) bindOverview(overview);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
