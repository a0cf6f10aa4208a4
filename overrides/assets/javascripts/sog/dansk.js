// Danish help for the site search (pure; tested with node --test tests/js/sog.test.mjs).
// The index side is in searchbuild/ (compound parts, step names); this is the query and
// display side.

// What searchbuild/ writes between the parts of a compound in the indexed copy of a page
// (soft hyphen + hyphen): never shown to a reader.
export const SPLIT_MARK = "\u00ad-";

const DIGRAPH = /ae|oe|aa/;
const LETTERS = /\p{L}+/gu;

/** A query as typed on a keyboard without æ, ø, å ("vaerdi", "boerns vilkaar") → Danish
 *  ("værdi", "børns vilkår"). A word that starts a word the site spells with ae/oe/aa
 *  ("Aalborg", "troede": `keep`, from the index's dansk.json) stays as typed. */
export function danishQuery(query, keep = []) {
  return query.replace(LETTERS, (word) => {
    const lower = word.toLowerCase();
    if (!DIGRAPH.test(lower) || keep.some((k) => k.startsWith(lower))) return word;
    return lower.replaceAll("aa", "å").replaceAll("ae", "æ").replaceAll("oe", "ø");
  });
}

const clean = (text) => (typeof text === "string" ? text.replaceAll(SPLIT_MARK, "") : text);

// Three sections are shown per page (Pagefind's own UI showed the three with the most matches).
const SHOWN = 3;
const ENDING = 4; // letters of an inflection ending: "årshjul-et", "møde-rne", "risici-ene"

/** The sub-results to show: sections whose heading has a word of the query come first
 *  ("dialogpapir" → the "Dialogpapir" worksheet, not only the sections that use the word most),
 *  then the most matches; page order kept. A heading word matches a query word that starts it
 *  ("dialogpapir" → "Dialogpapiret") or that it starts, but for an ending ("årshjulet" → "Årshjul";
 *  "dialogpapir" is not "Dialog"); query words under three letters ("I", "på") do not count. */
export function pickSubResults(subs, query = "") {
  if (subs.length <= SHOWN) return subs;
  const words = (query.toLowerCase().match(LETTERS) || []).filter((w) => w.length >= 3);
  const inHeading = (sub) => {
    const heading = (clean(sub.title) || "").toLowerCase().match(LETTERS) || [];
    return words.filter((w) => heading.some((h) => h.startsWith(w) || (w.startsWith(h) && h.length >= 4 && w.length - h.length <= ENDING))).length;
  };
  return subs
    .map((sub, i) => ({ sub, i, heading: inHeading(sub), matches: sub.locations?.length || 0 }))
    .sort((a, b) => b.heading - a.heading || b.matches - a.matches)
    .slice(0, SHOWN)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.sub);
}

/** Whether a page's first sub-result is the page itself: the text above its first section, at the
 *  page's address or at its title's anchor (the h1 has an id, so Pagefind gives "/forord/#forord"). */
export function isPageItself(sub, result) {
  const url = result.meta?.url || result.url;
  return Boolean(sub) && (sub.url === url || (sub.url?.split("#")[0] === url && clean(sub.title) === clean(result.meta?.title)));
}

/** A Pagefind result as shown: compound marks removed from titles and excerpts, a result on a
 *  step page named by its step ("Trin 4 · Risikoanalyse"; meta "trin" set by searchbuild/), and
 *  the sub-results for `query` (pickSubResults), after a first one that is the page itself
 *  (isPageItself; marked `page: true`: the dialog shows it as the page's own link). */
export function showResult(result, query = "") {
  const { trin: step, ...meta } = result.meta || {}; // not shown as a tag of its own
  const title = (t) => (step && t ? `${step} · ${clean(t)}` : clean(t));
  const subs = result.sub_results || [];
  const top = isPageItself(subs[0], result) ? 1 : 0;
  return {
    ...result,
    excerpt: clean(result.excerpt),
    meta: { ...meta, title: title(meta.title) },
    sub_results: [...subs.slice(0, top).map((sub) => ({ ...sub, page: true })), ...pickSubResults(subs.slice(top), query)]
      .map((sub) => ({ ...sub, title: title(sub.title), excerpt: clean(sub.excerpt) })),
  };
}
