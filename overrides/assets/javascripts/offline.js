/* Offline after the first visit (an ES module; DESIGN.md "Offline"). After the page has loaded –
 * never before: the worker's precache must not compete with the page's own files – it registers
 * the site's service worker, <site>/sw.js (offlinebuild/: every page, style, script, the search
 * index, the libraries and the blank worksheet PDFs, each with its content hash). Then:
 *
 * - "Klar til brug uden net" in the footer once a worker is active (its precache is complete).
 * - "Ny version – genindlæs" when a new deployment's worker has installed and waits: the button
 *   lets it take over (SKIP_WAITING) and reloads, so the page and its modules come from one version.
 * - No sw.js at the address (404: `scripts/serve`, or a host that dropped it): a worker an earlier
 *   build left for this scope is unregistered and its caches deleted, and a page it served is
 *   reloaded from the network, so a preview never shows stale pages.
 *
 * - Links with `download` (the PDFs) are fetched through the worker (below: Chromium would not).
 *
 * Texts: "offline" of the strings file, put in the page by partials/offline.html.
 */
const root = new URL("../../", import.meta.url); // this module is <site>/assets/javascripts/offline.js
const worker = new URL("sw.js", root);
const STATUS = "offline-status";
const NOTICE = "offline-update";
let ready = false;

function texts() {
  const el = document.getElementById("strings-offline");
  return el ? JSON.parse(el.textContent) : null;
}

/* The footer line, written when Material shows the page (document$). */
function showStatus() {
  const S = texts();
  const footer = document.querySelector(".md-footer-meta__inner") || document.querySelector("footer");
  if (!ready || !S || !footer || document.getElementById(STATUS)) return;
  const line = document.createElement("p");
  line.id = STATUS;
  line.className = STATUS;
  line.textContent = S.ready;
  line.title = S.readyTitle;
  footer.append(line);
}

function offerReload(waiting) {
  const S = texts();
  if (!S || document.getElementById(NOTICE)) return;
  const notice = document.createElement("div");
  notice.id = NOTICE;
  notice.className = NOTICE;
  notice.setAttribute("role", "status");
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = S.reload;
  button.title = S.reloadTitle;
  button.addEventListener("click", () => {
    button.disabled = true;
    // The new worker takes over (clientsClaim), then the page reloads from its precache. Another
    // tab may have let it take over already: then reload at once.
    if (waiting && waiting.state === "installed") {
      navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), { once: true });
      waiting.postMessage({ type: "SKIP_WAITING" });
    } else {
      location.reload();
    }
  });
  notice.append(`${S.newVersion} – `, button);
  document.body.append(notice);
}

/* A new worker that installs while this page has a controller is a new version of the site
 * (the first install has no controller to replace: nothing to offer). One already installing when
 * register() answered (its updatefound came first, on a slow device) is followed too. */
function watch(registration) {
  const follow = (next) =>
    next?.addEventListener("statechange", () => {
      if (next.state === "installed" && navigator.serviceWorker.controller) offerReload(next);
    });
  if (registration.waiting && navigator.serviceWorker.controller) offerReload(registration.waiting);
  follow(registration.installing);
  registration.addEventListener("updatefound", () => follow(registration.installing));
}

/* Chromium downloads an <a download> link without asking the service worker, so offline every
 * PDF link would fail, and a print pack would never reach its cache. On a page the worker
 * controls, such a link in the site is fetched through the worker instead (from its cache, or the
 * network and then its cache) and saved from memory; if that fails, the browser follows the link
 * as before. */
const bypass = new WeakSet();

async function downloadThroughWorker(link) {
  try {
    const response = await fetch(link.href);
    if (!response.ok) throw new Error(`${response.status}`);
    const name = link.getAttribute("download") || decodeURIComponent(new URL(link.href).pathname.split("/").pop());
    const { download } = await import("./ark/download.js");
    download(await response.blob(), name);
  } catch {
    bypass.add(link);
    link.click();
  }
}

document.addEventListener("click", (event) => {
  const link = event.target instanceof Element && event.target.closest("a[download][href]");
  if (!link || bypass.has(link) || !navigator.serviceWorker?.controller) {
    if (link) bypass.delete(link);
    return;
  }
  if (!link.href.startsWith(root.href) || event.defaultPrevented || event.button !== 0) return;
  event.preventDefault();
  downloadThroughWorker(link);
});

async function retire() {
  const registration = await navigator.serviceWorker.getRegistration(root.href);
  if (!registration || registration.scope !== root.href) return;
  await registration.unregister();
  // Workbox names its caches "<id>-<name>-<scope>".
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.endsWith(root.href)).map((name) => caches.delete(name)));
  if (navigator.serviceWorker.controller) location.reload();
}

async function start() {
  let published = true;
  try {
    // Not from the worker (it never precaches itself): a 404 is the host's answer.
    const response = await fetch(worker, { method: "HEAD", cache: "no-store" });
    published = response.status !== 404;
  } catch {
    // Offline: keep the worker this scope has.
  }
  if (!published) return retire();
  try {
    watch(await navigator.serviceWorker.register(worker.href));
  } catch {
    // Offline with no worker yet, or storage refused (a private window): the site works online.
  }
  await navigator.serviceWorker.ready;
  ready = true;
  showStatus();
}

if ("serviceWorker" in navigator && window.isSecureContext) {
  if (document.readyState === "complete") start();
  else window.addEventListener("load", () => start(), { once: true });
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(showStatus);
}
