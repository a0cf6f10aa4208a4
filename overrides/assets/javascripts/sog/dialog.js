// The search dialog's working part (partials/search.html), loaded by main.js when the reader
// approaches the search button or opens the dialog: it starts Pagefind (its module, WebAssembly
// and worker, from the folder scripts/build_search writes) and searches as the reader types,
// with the Danish help of dansk.js, listing the results as results.js says.
//
// Pagefind's own UI is not used: its 31 KB script had to run before there was a field to type in,
// and a first answer took longer than the 500 ms issue 25 allows on a phone.
import { danishQuery, showResult } from "./dansk.js";
import { excerptParts, listed, PAGE_SIZE, statusText } from "./results.js";

// How long after a keystroke the search starts (Pagefind's default is 300 ms, a third of a first
// answer's time on a phone). Shorter searches more often while someone types, a few ms each.
const DEBOUNCE_MS = 60;

let engine = null; // the promise of {pagefind, keep} once started

/** Start Pagefind from its folder `bundle` (a URL: main.js's) and fetch the words the site spells
 *  with ae/oe/aa (dansk.json), once; a failure (offline, a missing file) is reported by the search
 *  that needed it, and the next search tries again. → Promise<{pagefind, keep: string[]}> */
export function prepare(bundle) {
  engine ||= Promise.all([
    import(new URL("pagefind.js", bundle).href).then(async (pagefind) => {
      // Result links under the site's own folder, also when published under a sub-path.
      await pagefind.options({ baseUrl: new URL("../", bundle).pathname, excerptLength: 24 });
      await pagefind.init();
      return pagefind;
    }),
    fetch(new URL("dansk.json", bundle)).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`dansk.json: ${r.status}`)))),
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
  const ui = document.getElementById("sog-ui");
  if (!ui || ui.dataset.started) return;
  ui.dataset.started = "1";
  const texts = JSON.parse(document.getElementById("strings-search").textContent);
  const field = ui.querySelector(".sog-felt");
  const status = ui.querySelector(".sog-status");
  const list = ui.querySelector(".sog-resultater");
  const more = ui.querySelector(".sog-flere");
  let latest = 0; // the newest search; an older one that answers late is dropped
  let found = []; // Pagefind's results of the newest search, their data not yet loaded
  let term = "";

  const show = async (id) => {
    const next = found.slice(list.children.length, list.children.length + PAGE_SIZE);
    const data = await Promise.all(next.map((r) => r.data()));
    if (id !== latest) return false;
    list.append(...data.map((d) => item(showResult(d, term))));
    more.hidden = list.children.length >= found.length;
    return true;
  };

  const search = async () => {
    const id = ++latest;
    const query = field.value.trim();
    if (!query) {
      found = [];
      list.replaceChildren();
      status.textContent = "";
      more.hidden = true;
      return;
    }
    try {
      const { pagefind, keep } = await prepare(bundle);
      term = danishQuery(query, keep);
      const answer = await pagefind.debouncedSearch(term, {}, DEBOUNCE_MS);
      if (!answer || id !== latest) return; // a newer keystroke took over
      found = answer.results;
      list.replaceChildren();
      if (await show(id)) status.textContent = statusText(texts, query, found.length);
    } catch (error) {
      if (id !== latest) return;
      status.textContent = texts.failed;
      console.error(error);
    }
  };

  field.addEventListener("input", search);
  more.addEventListener("click", () => {
    const first = list.children.length;
    show(latest).then((done) => done && list.children[first]?.querySelector("a")?.focus());
  });
  if (field.value.trim()) search();
}
