/* Deep links for consultants: the "Kopiér link" buttons (rendered at build time on every
 * heading, worksheet and question, macros/copy_links.py) copy the address; opening a link with
 * #anchor scrolls to it, opens collapsed content around it and highlights it briefly.
 * Run when Material shows the page (document$). An ES module (deferred by nature), so
 * it shares the one reader of untrusted addresses with the worksheets (address.js).
 */
import { fragmentId } from "./address.js";

/* The texts of both parts below: "links" of the strings file (overrides/assets/strings/da.json),
 * which main.html puts in the page; `{name}` placeholders filled from `params`. */
function linkText(key, params) {
  var text = JSON.parse(document.getElementById("strings-links").textContent)[key];
  return text.replace(/\{(\w+)\}/g, function (_, name) { return params[name]; });
}

(function () {
  "use strict";

  var LIVE_ID = "kopier-link-status";

  function announce(message) {
    var live = document.getElementById(LIVE_ID);
    if (!live) {
      live = document.createElement("div");
      live.id = LIVE_ID;
      live.className = "sr-only";
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      document.body.appendChild(live);
    }
    live.textContent = "";
    window.setTimeout(function () { live.textContent = message; }, 50);
  }

  function addressOf(id) { return location.origin + location.pathname + (id ? "#" + id : ""); }

  function copy(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.cssText = "position:fixed;left:-9999px;top:0";
      document.body.appendChild(area);
      area.select();
      var ok;
      try { ok = document.execCommand("copy"); } catch { ok = false; }
      area.remove();
      if (ok) resolve(); else reject(new Error("copy failed"));
    });
  }

  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("button.kopier-link");
    if (!button) return;
    e.preventDefault();
    var url = addressOf(button.getAttribute("data-link-id"));
    copy(url).then(
      function () { button.textContent = linkText("copied"); announce(linkText("announceCopied", { url: url })); },
      function () { button.textContent = linkText("copyFailed"); announce(linkText("announceFailed", { url: url })); }
    );
    window.setTimeout(function () { button.textContent = linkText("label"); }, 2500);
  });

  /* Open <details> around the target (and a route step's own, so a link to #rute-trin-3 shows
     the step's worksheets), scroll to it and highlight it for a moment. */
  function showTarget() {
    if (location.hash.indexOf("#del=") === 0) return; // shared answers (ark/core/share.js), not an anchor
    var id = fragmentId(location.hash); // untrusted: a link cut off after "%" must not throw
    if (!id) return;
    var target = document.getElementById(id);
    if (!target) return;
    for (var n = target.parentElement; n; n = n.parentElement) {
      if (n.nodeName === "DETAILS" && !n.open) n.open = true;
    }
    var own = target.querySelector(":scope > details.rute-indhold");
    if (own) own.open = true;
    target.classList.remove("is-link-target");
    void target.offsetWidth; // restart the animation
    target.classList.add("is-link-target");
    target.scrollIntoView({ block: "start" });
    window.setTimeout(function () { target.classList.remove("is-link-target"); }, 3000);
    unmark();
    marked = target;
    target.classList.add("is-link-marked");
  }

  /* After the flash a quiet marker stays on the target until the reader moves on: another
     anchor, or a click or tap outside it. */
  var marked = null;
  function unmark() {
    if (marked) marked.classList.remove("is-link-marked");
    marked = null;
  }
  document.addEventListener("pointerdown", function (e) {
    if (marked && !marked.contains(e.target)) unmark();
  });

  window.addEventListener("hashchange", showTarget);

  /* The print margins (print-page.css) name the page and its address. main.html gives the title
     and the address the site was built for; here the step and the address as opened, in a
     print-only stylesheet of their own after main.html's (not on <html>'s style: custom
     properties there made the browser restyle the whole page as it loaded). */
  var PRINT_OPENED = "print-opened";

  function cssString(text) { return '"' + text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\s+/g, " ") + '"'; }

  function updatePrintMargins() {
    // Name the step too: on a step page its header, on a worksheet page the sheet's step.
    var stepHeader = document.querySelector("article .trin-nummer");
    var sheet = document.querySelector("article .ark[data-standalone][data-ark-step]");
    var step = stepHeader ? stepHeader.textContent.trim() : sheet ? sheet.getAttribute("data-ark-step") : "";
    var style = document.getElementById(PRINT_OPENED);
    if (!style) {
      style = document.createElement("style");
      style.id = PRINT_OPENED;
      style.media = "print";
      document.head.appendChild(style);
    }
    style.textContent = ":root { " + (step ? "--ppp-print-step: " + cssString(step + " · ") + "; " : "") +
      "--ppp-print-address: " + cssString(location.origin + location.pathname) + "; }";
  }

  function init() {
    updatePrintMargins();
    showTarget();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* Partnerskabsruten's step-by-step (macros/templates/ruten.html): "Vis alle trin" opens every
 * step's <details>, "Skjul alle trin" closes them; the button follows the steps opened one by
 * one. Each step works without this script (it is <details>); the button is hidden without it. */
(function () {
  "use strict";

  function steps(route) { return route.querySelectorAll("details.rute-indhold"); }

  function allOpen(route) {
    return Array.prototype.every.call(steps(route), function (d) { return d.open; });
  }

  function sync(route) {
    var button = route.querySelector("[data-rute-alle]");
    if (!button) return;
    var open = allOpen(route);
    button.textContent = linkText(open ? "hideAll" : "showAll");
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("[data-rute-alle]");
    if (!button) return;
    var route = button.closest("[data-rute]");
    var open = !allOpen(route);
    Array.prototype.forEach.call(steps(route), function (d) { d.open = open; });
    sync(route);
  });

  // "toggle" does not bubble: listen in the capture phase for every step opened or closed.
  document.addEventListener("toggle", function (e) {
    var route = e.target.closest && e.target.closest("[data-rute]");
    if (route) sync(route);
  }, true);
})();

/* Material's navigation, for screen readers and keyboards (issue 22). A section with its own
 * index page (navigation.indexes: "Eksempler", "Værdiperspektiver", "Mit partnerskab") labels its
 * <nav> by a <label> that holds only an icon: the label takes the section's title as its name
 * (aria-label, so it is not read twice beside the section's link). Material writes aria-expanded
 * on the <nav> (a landmark is not expandable), also on later clicks: it is dropped each time.
 * A page without headings under its title has an empty table of contents: a landmark that
 * leads nowhere, hidden from screen readers.
 * The narrow layout's menu icon (partials/header.html) and the drawer's section toggles are
 * labels in the tab order: Enter opens them (Material's script), and here Space, as on a button.
 * Back and Forward can restore a page as it was left (the back/forward cache): one left by a link
 * in the open drawer would come back under it, so the drawer is closed then. */
(function () {
  "use strict";

  function nameSections() {
    document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (nav) {
      nav.removeAttribute("aria-expanded");
      var label = document.getElementById(nav.getAttribute("aria-labelledby"));
      var title = nav.querySelector(":scope > .md-nav__title");
      if (label && title && !label.textContent.trim()) label.setAttribute("aria-label", title.textContent.trim());
    });
    document.querySelectorAll("nav.md-nav--secondary").forEach(function (toc) {
      if (!toc.querySelector("a")) toc.setAttribute("aria-hidden", "true");
      else toc.removeAttribute("aria-hidden");
    });
  }

  new MutationObserver(function (records) {
    records.forEach(function (r) {
      if (r.target.nodeName === "NAV" && r.target.hasAttribute("aria-expanded")) r.target.removeAttribute("aria-expanded");
    });
  }).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ["aria-expanded"] });

  window.addEventListener("pageshow", function (e) {
    var drawer = document.getElementById("__drawer");
    if (e.persisted && drawer && drawer.checked) drawer.click(); // closed as Material closes it (a click on its toggle)
  });

  document.addEventListener("keydown", function (e) {
    var label = e.target.closest && e.target.closest('label[tabindex="0"][for]');
    if (!label || e.key !== " " || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault(); // not a scroll of the page
    label.click();
  });

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(nameSections);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", nameSections);
  else nameSections();
})();
