// The search's Danish help (overrides/assets/javascripts/sog/dansk.js).
import test from "node:test";
import assert from "node:assert/strict";
import { danishQuery, isPageItself, pickSubResults, showResult, SPLIT_MARK } from "../../overrides/assets/javascripts/sog/dansk.js";

test("ASCII transliterations become Danish letters", () => {
  assert.equal(danishQuery("vaerdi"), "værdi");
  assert.equal(danishQuery("boerns vilkaar"), "børns vilkår");
  assert.equal(danishQuery("Aarshjul"), "årshjul");
  assert.equal(danishQuery("KPI-er no-go"), "KPI-er no-go");
});

test("words the site spells with ae/oe/aa stay as typed", () => {
  const keep = ["aalborg", "troede"];
  assert.equal(danishQuery("Aalborg", keep), "Aalborg");
  assert.equal(danishQuery("aalb", keep), "aalb");
  assert.equal(danishQuery("troede maal", keep), "troede mål");
});

test("results lose the compound mark and name their step", () => {
  const shown = showResult({
    excerpt: `en <mark>risiko${SPLIT_MARK}analyse</mark>`,
    meta: { title: "Dialog om de fælles idéer og mål", trin: "Trin 4" },
    sub_results: [{ title: `Risiko${SPLIT_MARK}analyse`, excerpt: `risiko${SPLIT_MARK}analyse`, url: "/trin-4/#risikoanalyse" }],
  });
  assert.equal(shown.excerpt, "en <mark>risikoanalyse</mark>");
  assert.deepEqual(shown.meta, { title: "Trin 4 · Dialog om de fælles idéer og mål" });
  assert.deepEqual(shown.sub_results.map((s) => s.title), ["Trin 4 · Risikoanalyse"]);
  assert.equal(showResult({ meta: { title: "Forord" }, sub_results: [] }).meta.title, "Forord");
});

test("sub-results: headings with a query word first, then the most matches, in page order", () => {
  const sub = (url, title, n) => ({ url, title, excerpt: "", locations: Array(n).fill(0) });
  const subs = [
    sub("/trin-4/#dialog", "Dialog om de fælles idéer og mål", 9),
    sub("/trin-4/#dialogpapir", `Dialog${SPLIT_MARK}papir`, 1),
    sub("/trin-4/#grundlaget", "Dialogpapiret er grundlaget", 8),
    sub("/trin-4/#refleksion", "Refleksion til dialogpapiret", 3),
    sub("/trin-4/#vaerdi", "Værdiskabelse", 6),
    sub("/trin-4/#risici", "Tal åbent om risici", 7),
  ];
  // ("Dialog" is no match: a heading word only starting the query word is not an inflection.)
  assert.deepEqual(pickSubResults(subs, "dialogpapir").map((s) => s.url),
    ["/trin-4/#dialogpapir", "/trin-4/#grundlaget", "/trin-4/#refleksion"]);
  // Without a heading match: Pagefind's own choice (most matches).
  assert.deepEqual(pickSubResults(subs, "aftale").map((s) => s.url),
    ["/trin-4/#dialog", "/trin-4/#grundlaget", "/trin-4/#risici"]);
  // An inflected query word matches the heading word it starts with; "I", "på" do not count.
  const more = [...subs, sub("/trin-4/#risici-2", "Risici", 1), sub("/trin-4/#paa", "Hvad gør I på mødet", 1)];
  assert.deepEqual(pickSubResults(more, "risiciene i på").map((s) => s.url),
    ["/trin-4/#dialog", "/trin-4/#risici", "/trin-4/#risici-2"]);
  assert.equal(pickSubResults(subs.slice(0, 3), "x").length, 3);
  // A first sub-result that is the page itself stays first (the UI shows it as the page's link).
  const page = { url: "/trin-4/", meta: { title: "Dialog" }, sub_results: [sub("/trin-4/", "Dialog", 9), ...subs] };
  assert.deepEqual(showResult(page, "dialogpapir").sub_results.map((s) => s.url),
    ["/trin-4/", "/trin-4/#dialogpapir", "/trin-4/#grundlaget", "/trin-4/#refleksion"]);
});

// What the dialog lists (overrides/assets/javascripts/sog/results.js).
import { excerptParts, listed, PAGE_SIZE, statusText } from "../../overrides/assets/javascripts/sog/results.js";
import S from "../../overrides/assets/strings/da.json" with { type: "json" };

test("the sentence under the field says how many results, in Danish, with the query", () => {
  assert.equal(statusText(S.search, "årshjul", 12), "12 resultater for ”årshjul”");
  assert.equal(statusText(S.search, "madspild", 1), "1 resultat for ”madspild”");
  assert.equal(statusText(S.search, "xyzzy", 0), "Ingen resultater for ”xyzzy”. Prøv et andet ord.");
  assert.throws(() => statusText({}, "x", 2), /search\.found/); // a strings file without the entry
  assert.equal(PAGE_SIZE, 5);
});

test("an excerpt becomes text and marks, never markup", () => {
  assert.deepEqual(excerptParts("en <mark>risiko</mark>analyse &amp; <mark>mål</mark>"), [
    { text: "en " },
    { text: "risiko", mark: true },
    { text: "analyse & " },
    { text: "mål", mark: true },
  ]);
  // Anything but <mark> stays text (the page gets it as a text node, not as HTML).
  assert.deepEqual(excerptParts('<img src=x onerror="alert(1)"> &lt;b&gt;'), [{ text: '<img src=x onerror="alert(1)"> <b>' }]);
  assert.deepEqual(excerptParts(undefined), []);
  assert.deepEqual(excerptParts(""), []);
});

test("a result lists its page once and then its sections", () => {
  const page = { url: "/trin-7/", meta: { title: "Trin 7" }, excerpt: "sidens uddrag" };
  const top = { title: "Trin 7", url: "/trin-7/", excerpt: "over første overskrift", page: true }; // showResult's mark
  const section = { title: "Årshjul", url: "/trin-7/#aarshjul", excerpt: "et <mark>årshjul</mark>", locations: [3] };
  assert.deepEqual(listed({ ...page, sub_results: [top, section] }), {
    title: "Trin 7",
    url: "/trin-7/",
    excerpt: "over første overskrift",
    sections: [{ title: "Årshjul", url: "/trin-7/#aarshjul", excerpt: "et <mark>årshjul</mark>" }],
  });
  assert.deepEqual(listed({ ...page, sub_results: [section] }).excerpt, "sidens uddrag");
  assert.equal(listed({ ...page, sub_results: [section] }).sections.length, 1);
  assert.deepEqual(listed({ url: "/forord/" }), { title: "/forord/", url: "/forord/", excerpt: undefined, sections: [] });
});

test("a long query is named shortened; a running search says so", () => {
  const long = "partnerskab ".repeat(20);
  const said = statusText(S.search, long.trim(), 3);
  assert.ok(said.length < 100 && said.endsWith("…”"), said);
  assert.equal(statusText(S.search, "mål", null), "Søger efter ”mål” …");
});

test("the page's own first section is the page itself, at its address or its title's anchor", () => {
  const page = { url: "/forord/", meta: { title: "Forord" } };
  assert.ok(isPageItself({ url: "/forord/", title: "" }, page));
  assert.ok(isPageItself({ url: "/forord/#forord", title: "Forord" }, page));
  assert.ok(!isPageItself({ url: "/forord/#tak", title: "Tak" }, page));
  assert.ok(!isPageItself({ url: "/andet/#forord", title: "Forord" }, page));
  assert.ok(!isPageItself(undefined, page));
  const shown = showResult({ ...page, excerpt: "x", sub_results: [{ url: "/forord/#forord", title: "Forord", excerpt: "top" }] });
  assert.deepEqual(listed(shown), { title: "Forord", url: "/forord/", excerpt: "top", sections: [] });
});
