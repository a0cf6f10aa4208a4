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

/** A Pagefind result as shown: compound marks removed from titles and excerpts, and a result
 *  on a step page named by its step ("Trin 4 · Risikoanalyse"; meta "trin" set by searchbuild/). */
export function showResult(result) {
  const { trin: step, ...meta } = result.meta || {}; // not shown as a tag of its own
  const title = (t) => (step && t ? `${step} · ${clean(t)}` : clean(t));
  return {
    ...result,
    excerpt: clean(result.excerpt),
    meta: { ...meta, title: title(meta.title) },
    sub_results: (result.sub_results || []).map((sub) => ({ ...sub, title: title(sub.title), excerpt: clean(sub.excerpt) })),
  };
}
