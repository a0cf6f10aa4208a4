// What the search dialog shows of Pagefind's results (pure; tested with node --test
// tests/js/sog.test.mjs). sog/dialog.js puts it into the page.
import { fill } from "../fill.js";

/** Results shown at first and added by each "Vis flere resultater" (as Pagefind's own UI did). */
export const PAGE_SIZE = 5;

// A query is named in full in the sentences up to this many characters (a pasted paragraph is not).
const NAMED = 60;

/** The sentences about a search (`texts`: the strings file's "search" group), naming the query,
 *  shortened to NAMED characters: `statusText(texts, "årshjul", 12)` → "12 resultater for
 *  ”årshjul”", 1 → "1 resultat for …", 0 → "Ingen resultater for …"; `count` null → "Søger efter …". */
export function statusText(texts, query, count) {
  const term = query.length > NAMED ? query.slice(0, NAMED - 1).trimEnd() + "…" : query;
  if (count === null) return fill(texts.searching, { term }, "search.searching");
  return count ? fill(texts.found, { n: count, term }, "search.found") : fill(texts.none, { term }, "search.none");
}

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'", "#x27": "'" };

/** A Pagefind excerpt (HTML-escaped text with <mark> around the matches) as text pieces, so the
 *  page gets text nodes and <mark> elements and never parses the index's text as HTML:
 *  "a <mark>b</mark> &amp; c" → [{text: "a "}, {text: "b", mark: true}, {text: " & c"}].
 *  Any other markup stays visible as text. */
export function excerptParts(excerpt) {
  const parts = [];
  String(excerpt ?? "")
    .split(/(<mark>[\s\S]*?<\/mark>)/)
    .forEach((piece) => {
      const mark = piece.startsWith("<mark>");
      const text = (mark ? piece.slice(6, -7) : piece).replace(/&(amp|lt|gt|quot|apos|#39|#x27);/g, (_, e) => ENTITIES[e]);
      if (text) parts.push(mark ? { text, mark } : { text });
    });
  return parts;
}

/** A shown result (dansk.js showResult) as the dialog lists it: the page's link and excerpt, and
 *  its sections'. A first sub-result that is the page itself (showResult marks it `page`) gives
 *  the page's excerpt and is not listed again. → {title, url, excerpt, sections: [{title, url, excerpt}]} */
export function listed(result) {
  const url = result.meta?.url || result.url;
  const subs = result.sub_results || [];
  const top = Boolean(subs[0]?.page);
  return {
    title: result.meta?.title || url,
    url,
    excerpt: top ? subs[0].excerpt : result.excerpt,
    sections: subs.slice(top ? 1 : 0).map(({ title, url, excerpt }) => ({ title, url, excerpt })),
  };
}
