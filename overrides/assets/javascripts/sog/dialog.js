// The search dialog's working part (partials/search.html), loaded by main.js when the reader
// approaches the search button or opens the dialog: it starts Pagefind (its module, WebAssembly
// and worker, from the folder scripts/build_search writes) and searches as the reader types,
// with the Danish help of dansk.js, listing the results as results.js says.
//
// Pagefind's own UI is not used: its 31 KB script had to run before there was a field to type in,
// and a first answer took longer than the 500 ms issue 25 allows on a phone (design/search.md).
import { danishQuery, showResult } from "./dansk.js";
import { excerptParts, listed, PAGE_SIZE, statusText } from "./results.js";

// How long after a keystroke the search starts (Pagefind's default is 300 ms, a third of a first
// answer's time on a phone). Shorter searches more often while someone types, a few ms each.
const DEBOUNCE_MS = 60;
// A search still running this long says "Søger efter …" (a slow connection, the first search).
const SLOW_MS = 400;
// The live region speaks once the reader has paused this long: one sentence per pause, not one
// per keystroke (the sentence on screen changes at once).
const ANNOUNCE_MS = 700;

let engine = null; // the promise of {pagefind, keep} once started

/** Start Pagefind from its folder `bundle` (a URL: main.js's) and fetch the words the site spells
 *  with ae/oe/aa (dansk.json; without it, queries are read as typed), once. If Pagefind cannot
 *  start (offline, a missing file), the search that needed it says so and the next one starts it
 *  afresh. → Promise<{pagefind, keep: string[]}> */
export function prepare(bundle) {
  engine ||= Promise.all([
    import(new URL("pagefind.js", bundle).href).then(async ({ createInstance }) => {
      // A new instance each time: one whose start failed would fail every later search.
      // Result links under the site's own folder, also when published under a sub-path.
      const pagefind = createInstance({ basePath: bundle.pathname, baseUrl: new URL("../", bundle).pathname, excerptLength: 24 });
      try {
        await pagefind.init();
        return pagefind;
      } catch (error) {
        pagefind.destroy().catch(() => {});
        throw error;
      }
    }),
    fetch(new URL("dansk.json", bundle))
      .then((r) => (r.ok ? r.json() : null))
      .catch(() => null),
  ]).then(([pagefind, words]) => ({ pagefind, keep: Array.isArray(words?.ascii) ? words.ascii : [] }));
  engine.catch(() => (engine = null));
  return engine;
}

const element = (tag, className, text) => Object.assign(document.createElement(tag), className ? { className } : {}, text ? { textContent: text } : {});

function excerpt(html) {
  const p = element("p", "sog-uddrag");
  p.append(...excerptParts(html).map((part) => (part.mark ? element("mark", "", part.text) : part.text)));
  return p;
}

function link(title, url) {
  return Object.assign(element("a", "sog-link", title), { href: url });
}

/** One result: the page as a heading link with its excerpt, then its sections. */
function item(result) {
  const shown = listed(result);
  const li = element("li", "sog-resultat");
  const heading = element("h3", "sog-resultat__titel");
  heading.append(link(shown.title, shown.url));
  li.append(heading, excerpt(shown.excerpt));
  if (shown.sections.length) {
    const ul = element("ul", "sog-afsnit");
    for (const section of shown.sections) {
      const sub = element("li");
      sub.append(link(section.title, section.url), excerpt(section.excerpt));
      ul.append(sub);
    }
    li.append(ul);
  }
  return li;
}

/** Wire the dialog's field to Pagefind (in `bundle`), once, and search what is already typed. */
export function start(bundle) {
  const dialog = document.getElementById("sog-dialog");
  if (!dialog || dialog.dataset.started) return;
  dialog.dataset.started = "1";
  const texts = JSON.parse(document.getElementById("strings-search").textContent);
  const field = dialog.querySelector(".sog-felt");
  const shownStatus = dialog.querySelector(".sog-status");
  const spoken = dialog.querySelector("[role=status]");
  const list = dialog.querySelector(".sog-resultater");
  const more = dialog.querySelector(".sog-flere");
  let latest = 0; // the newest search; an older one that answers late is dropped
  let asked = ""; // the query of the newest search (null after a failure: any text searches again)
  let found = []; // Pagefind's results of the newest search, their data loaded as they are shown
  let term = "";
  let slow = 0;
  let announce = 0;
  let adding = false; // "Vis flere resultater" is loading

  const say = (text, wait) => {
    shownStatus.textContent = text;
    clearTimeout(announce);
    announce = setTimeout(() => (spoken.textContent = text), wait);
  };
  /** The next PAGE_SIZE results of `found` as list items (their data loaded), from `from` on. */
  const items = async (from) => (await Promise.all(found.slice(from, from + PAGE_SIZE).map((r) => r.data()))).map((d) => item(showResult(d, term)));
  const settle = (id) => (clearTimeout(slow), id === latest);

  const search = async () => {
    const query = field.value.trim();
    if (query === asked) return; // a space added or removed: the same search
    const id = ++latest;
    asked = query;
    clearTimeout(slow);
    if (!query) {
      found = [];
      list.replaceChildren();
      list.hidden = more.hidden = true;
      say("", 0);
      return;
    }
    slow = setTimeout(() => id === latest && say(statusText(texts, query, null), 0), SLOW_MS);
    try {
      const { pagefind, keep } = await prepare(bundle);
      term = danishQuery(query, keep);
      const answer = await pagefind.debouncedSearch(term, {}, DEBOUNCE_MS);
      if (!answer || id !== latest) return; // a newer keystroke took over
      // Offline before the worker has the index, Pagefind answers "nothing" for a word whose
      // part of the index it could not fetch: that is a failure, not an empty result.
      if (!answer.results.length && navigator.onLine === false) throw new Error("offline");
      found = answer.results;
      const shown = await items(0);
      if (!settle(id)) return;
      list.replaceChildren(...shown); // the list and its sentence change together
      list.hidden = !shown.length;
      more.hidden = shown.length >= found.length;
      say(statusText(texts, query, found.length), ANNOUNCE_MS);
    } catch (error) {
      if (!settle(id)) return;
      asked = null;
      found = [];
      list.replaceChildren();
      list.hidden = more.hidden = true;
      say(texts.failed, 0);
      console.error(error);
    }
  };

  field.addEventListener("input", search);
  dialog.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    // A result link: close the dialog; the browser follows it.
    // Opened in a new tab or window, the dialog stays for the next result.
    if (target?.closest("a[href]")) {
      if (!(event.ctrlKey || event.metaKey || event.shiftKey)) dialog.close();
    } else if (target === dialog && (event.clientX || event.clientY)) {
      // The dimmed page around the dialog (the dialog itself, outside its box) closes it, as Esc does.
      const box = dialog.getBoundingClientRect();
      const { clientX: x, clientY: y } = event;
      if (x < box.left || x > box.right || y < box.top || y > box.bottom) dialog.close();
    }
  });
  // Enter (a phone keyboard's "Søg"): to the first result, which also puts the keyboard away.
  field.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.isComposing) list.querySelector("a")?.focus();
  });
  more.addEventListener("click", async () => {
    if (adding) return;
    adding = true;
    const id = latest;
    const from = list.children.length;
    try {
      const next = await items(from);
      if (id !== latest) return;
      list.append(...next);
      more.hidden = list.children.length >= found.length;
      const first = list.children[from];
      first?.querySelector("a")?.focus({ preventScroll: true });
      first?.scrollIntoView({ block: "center" });
    } catch (error) {
      if (id === latest) say(texts.failed, 0); // the results shown so far stay
      console.error(error);
    } finally {
      adding = false;
    }
  });
  shownStatus.textContent = spoken.textContent = ""; // an earlier failure to load this code
  search();
}
