/**
 * Copies of the answers, made entirely in the browser: nothing typed is sent anywhere. The only
 * requests are for the site's own files: the worksheet's blank PDF (`pdf/<id>.pdf`) and the
 * libraries, which are loaded on demand (the first time a copy is asked for), never with a page:
 *
 *   pdf-lib 1.17.1  assets/vendor/pdf-lib/pdf-lib.esm.min.js   (fill, flatten, copy pages)
 *   docx 9.15.2     assets/vendor/docx/docx.esm.js            (Word writer)
 *
 * They are self-contained ES modules copied from node_modules by scripts/vendor (pinned in
 * package.json / package-lock.json); `root` below is the URL of the site root, e.g. from
 * `siteRoot()`.
 *
 * Fonts: a copy whose texts are all WinAnsi (everything Danish: æøå ÆØÅ é ü, „“ ”‘’, – —, …, €,
 * •) is drawn with PDF's standard Helvetica (nothing to download). Any other character (Ł, →,
 * ✓, Greek, Cyrillic, Hebrew, Arabic, an emoji) makes the copy embed DejaVu Sans instead:
 *
 *   fontkit 1.1.1 (@pdf-lib/fontkit)  assets/vendor/fontkit/fontkit.esm.js  (pdf-lib's font engine)
 *   DejaVu Sans (Debian's fonts-dejavu-core, cut to the scripts drawn)  assets/vendor/fonts/
 *
 * What no font here has (Chinese, Japanese …) is drawn as "?", and right-to-left text is drawn
 * but may come out in the wrong order beside left-to-right text (pdf-lib has no bidirectional
 * layout): the copy functions report both (`report.undrawable`) so the page can point to the
 * Word copy, which keeps every character. The field *values* always keep the exact text.
 */
import { expand, fieldFor, filled, has, rowKeyInfo, rowKeys, rowName, rowNumbers, sheetSpec } from "./core/contract.js";
import { T, danishDate } from "./core/strings.js";
import { structure } from "./pdftags.js";
import { drawableText, measurer, standardFontCovers, wrapText } from "./core/textlayout.js";
import { siteRoot } from "./site.js";

const LIBS = {
  pdf: "assets/vendor/pdf-lib/pdf-lib.esm.min.js",
  docx: "assets/vendor/docx/docx.esm.js",
  fontkit: "assets/vendor/fontkit/fontkit.esm.js",
};
const loaded = {};

/** `load(url)` once per URL; a failure is forgotten, so a later click tries again (a network hiccup). */
function once(url, load) {
  if (!loaded[url]) {
    loaded[url] = load(url).catch((e) => {
      delete loaded[url];
      throw e;
    });
  }
  return loaded[url];
}

/**
 * Load one of the libraries once (dynamic import of the site's own copy).
 * @param {URL|string} root site root
 * @param {"pdf"|"docx"|"fontkit"} name
 * @returns {Promise<object>} the library's module namespace
 */
export function library(root, name) {
  return once(new URL(LIBS[name], root).href, (url) => import(url));
}

const anyAnswer = (answers) => Object.keys(answers || {}).some((k) => filled(answers, k));

// --- Fonts ------------------------------------------------------------------------------------

const FONT_FILES = { regular: "assets/vendor/fonts/DejaVuSans.ttf", bold: "assets/vendor/fonts/DejaVuSans-Bold.ttf" };
const charsets = new Map(); // font file or standard font name → Set of its code points

/** A font file of the site (FONT_FILES), fetched once. @returns {Promise<ArrayBuffer>} */
function fontFile(root, face) {
  return once(new URL(FONT_FILES[face], root).href, (url) => fetch(url).then((r) => {
    if (!r.ok) throw new Error(`The font ${url} could not be loaded (HTTP ${r.status}).`);
    return r.arrayBuffer();
  }));
}

/**
 * A font that never throws: what it encodes and measures goes through drawableText first
 * (characters it lacks become "?" and set `report.undrawable`). `drawable(text)` is the text as
 * it will be drawn, which the layout below measures. `additive`: the font's widths are the sums
 * of its characters' (no kerning, no ligatures), so a text is measured by adding the cached
 * widths of its characters instead of laying it out again (fontkit's layout costs about a
 * millisecond a line).
 */
function safeFont(font, key, report, additive = false) {
  if (!charsets.has(key)) charsets.set(key, new Set(font.getCharacterSet()));
  const charset = charsets.get(key);
  const drawable = (text) => drawableText(text, charset, report);
  const safe = Object.create(font); // still `instanceof PDFFont`; name and ref from the real font
  safe.encodeText = (text) => font.encodeText(drawable(text));
  safe.widthOfTextAtSize = additive
    ? (text, size) => widthOf(safe)(drawable(text)) * size
    : (text, size) => font.widthOfTextAtSize(drawable(text), size);
  safe.drawable = drawable;
  if (additive) widths.set(safe, measurer((ch) => font.widthOfTextAtSize(ch, 1)));
  return safe;
}

// OpenType features fontkit leaves out of DejaVu Sans's layout: kerning and ligatures, whose
// lookups made laying out a line about 2.5 times slower; without them a width is the sum of
// the characters' widths (safeFont's `additive`), and copied text has no "ﬁ" ligatures.
const PLAIN_LAYOUT = { kern: false, liga: false, calt: false, clig: false };

/**
 * The regular and bold font of one document. Texts PDF's standard Helvetica can draw (all
 * Danish, see standardFontCovers) use it: nothing to download. Any other text (Ł, →, ✓, Greek,
 * Cyrillic, Hebrew, Arabic, emoji …) uses DejaVu Sans, embedded with only the glyphs the copy
 * uses; fontkit and the font files load then, once. `unicode` is decided for a whole copy, so
 * all its pages look alike.
 */
export async function fonts(L, doc, root, unicode, report) {
  if (!unicode) {
    const [regular, bold] = await Promise.all([doc.embedFont(L.StandardFonts.Helvetica), doc.embedFont(L.StandardFonts.HelveticaBold)]);
    return { regular: safeFont(regular, "Helvetica", report), bold: safeFont(bold, "Helvetica-Bold", report) };
  }
  const [fontkit, regularFile, boldFile] = await Promise.all([library(root, "fontkit"), fontFile(root, "regular"), fontFile(root, "bold")]);
  doc.registerFontkit(fontkit.default);
  const embed = (file) => doc.embedFont(file, { subset: true, features: { ...PLAIN_LAYOUT } }); // fontkit adds to the object
  const [regular, bold] = await Promise.all([embed(regularFile), embed(boldFile)]);
  return { regular: safeFont(regular, "regular", report, true), bold: safeFont(bold, "bold", report, true) };
}

/** Whether a copy of these sheets and extra texts (set name, date) needs the embedded font. */
function needsUnicode(contract, worksheets, extra) {
  const texts = [...extra];
  for (const [id, answers] of Object.entries(worksheets)) {
    const spec = sheetSpec(contract, id);
    if (!spec) continue;
    texts.push(spec.title, spec.step || "", ...Object.values(answers || {}), ...spec.fields.map((f) => f.label));
    if (spec.rows) texts.push(spec.rows.label, ...spec.rows.fields.map((f) => f.label));
  }
  return !standardFontCovers(texts);
}

// --- Drawing text pages (extra rows, the cover) ---------------------------------------------

export const A4 = [595.28, 841.89];
export const MARGIN = 56;

// Measured widths leave out kerning (core/textlayout.js): keep lines this much narrower, so
// pdf-lib, which measures with kerning, never breaks one of them again.
const SLACK = 0.97;
const widths = new WeakMap(); // font → width at 1 pt of a drawable text

/** The width function of `font` at 1 pt, each character measured once. */
function widthOf(font) {
  if (!widths.has(font)) widths.set(font, measurer((ch) => font.widthOfTextAtSize(ch, 1)));
  return widths.get(font);
}

/** Word-wrap `text` (line breaks kept) to `width` points at `size`, as it will be drawn. */
export function wrap(text, font, size, width) {
  return wrapText(font.drawable(text), (width * SLACK) / size, widthOf(font));
}

/**
 * A simple flowing text writer on new A4 pages of `doc`; with `tags` (pdftags.js structure) each
 * write is a structure element of its `role` ("P" unless said).
 */
function textWriter(doc, f, tags = null) {
  let page = null;
  let y = 0;
  const width = A4[0] - 2 * MARGIN;
  const newPage = () => { page = doc.addPage(A4); y = A4[1] - MARGIN; };
  const write = (text, { font = f.regular, size = 10, gap = 0, color, role = "P" } = {}) => {
    if (!page) newPage();
    const element = tags && tags.element(role);
    y -= gap;
    for (const line of wrap(text, font, size, width)) {
      const lh = size * 1.3;
      if (y - lh < MARGIN) newPage();
      y -= lh;
      const draw = () => page.drawText(line, { x: MARGIN, y: y + size * 0.25, size, font, ...(color ? { color } : {}) });
      if (element) tags.content(element, page, draw);
      else draw();
    }
  };
  return { write, newPage, pages: () => doc.getPageCount() };
}

// --- Filling one worksheet's PDF -------------------------------------------------------------

const FONT_SIZES = [10, 9, 8, 7, 6];

/**
 * The largest size ≤ 10 pt at which `text` fits the text field (`fits` false when none does:
 * then the smallest), and the text to give pdf-lib for the field's appearance: for a multi-line
 * field already broken into lines, so pdf-lib's own layout, which measures the whole rest of a
 * paragraph again for every line, has one line to measure each time (it froze the tab for
 * minutes on long answers). Time linear in the text's length.
 * @returns {{size: number, fits: boolean, shown: string}}
 */
function fitText(field, text, font) {
  const widget = field.acroField.getWidgets()[0];
  const r = widget.getRectangle();
  const border = widget.getBorderStyle()?.getWidth() ?? 0;
  const inset = 2 * (border + 1); // pdf-lib's appearance: the border, then 1 pt of padding
  const box = { width: Math.max(1, r.width - inset), height: Math.max(1, r.height - inset) };
  const multiline = field.isMultiline();
  let shown = text;
  for (const size of FONT_SIZES) {
    if (!multiline) {
      if (widthOf(font)(font.drawable(text).replace(/\s+/g, " ")) * size <= box.width && font.heightAtSize(size) <= box.height) return { size, fits: true, shown };
      continue;
    }
    const lines = wrap(text, font, size, box.width);
    shown = lines.join("\n");
    if (lines.length * font.heightAtSize(size) * 1.2 <= box.height) return { size, fits: true, shown }; // pdf-lib's line height
  }
  return { size: FONT_SIZES[FONT_SIZES.length - 1], fits: false, shown };
}

async function fetchPdf(root, spec, sheetId) {
  const url = new URL(spec.pdf || `pdf/${sheetId}.pdf`, root);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`The worksheet PDF ${url.pathname} could not be loaded (HTTP ${res.status}).`);
  return new Uint8Array(await res.arrayBuffer());
}

/**
 * Load a worksheet's blank PDF and write `answers` into it; adds "Flere rækker" pages for what
 * has no field. Returns the pdf-lib document (not saved). `unicode` and `report`: see fonts().
 */
async function fillDocument(L, root, contract, sheetId, answers, header, { unicode, report }) {
  const spec = sheetSpec(contract, sheetId);
  if (!spec) throw new Error(`Unknown worksheet: ${sheetId}`);
  const doc = await L.PDFDocument.load(await fetchPdf(root, spec, sheetId));
  const sheetPages = doc.getPageCount();
  const f = await fonts(L, doc, root, unicode, report);
  const form = doc.getForm();
  // The appearance font must be in the form's resources, so a viewer that redraws a field
  // (when it is edited) finds the font its /DA names.
  // lookupMaybe: a PDF without form fields has no /DR (lookup would throw).
  const dr = form.acroForm.dict.lookupMaybe(L.PDFName.of("DR"), L.PDFDict);
  if (dr) {
    let fontDict = dr.lookupMaybe(L.PDFName.of("Font"), L.PDFDict);
    if (!fontDict) { fontDict = doc.context.obj({}); dr.set(L.PDFName.of("Font"), fontDict); }
    fontDict.set(L.PDFName.of(f.regular.name), f.regular.ref);
  }
  const fields = new Map(form.getFields().map((x) => [x.getName(), x]));
  // WeasyPrint writes widget rectangles top-down ([x1 ytop x2 ybottom]); viewers normalise
  // them, pdf-lib does not (negative heights: text laid out and drawn outside the box).
  for (const field of fields.values()) {
    for (const widget of field.acroField.getWidgets()) {
      const r = widget.getRectangle();
      if (r.width < 0 || r.height < 0) {
        widget.setRectangle({ x: Math.min(r.x, r.x + r.width), y: Math.min(r.y, r.y + r.height), width: Math.abs(r.width), height: Math.abs(r.height) });
      }
    }
  }
  const a = answers || {};
  const exact = []; // [field, value]: fields given broken lines for their appearance (fitText)
  const overflow = []; // {label, value}: answers longer than their field
  const unmatched = []; // {label, value}: answers without a field that fits them (should not happen)
  const labelOf = (key) => (fieldFor(contract, sheetId, key) || { label: key }).label;
  const printed = spec.rows ? spec.rows.printed : 0;
  for (const key of Object.keys(a)) {
    if (!filled(a, key)) continue;
    const info = spec.rows ? rowKeyInfo(spec, key) : null;
    if (info && info.n > printed) continue; // on the "Flere rækker" page
    const field = fields.get(key);
    const value = a[key].replace(/\r\n?/g, "\n");
    if (field instanceof L.PDFTextField) {
      const { size, fits, shown } = fitText(field, value, f.regular);
      field.setFontSize(size);
      field.setText(shown);
      if (shown !== value) exact.push([field, value]);
      if (!fits) overflow.push({ label: labelOf(key), value });
    } else if (field instanceof L.PDFCheckBox) {
      if (value === contract.checked) field.check();
      else unmatched.push({ label: labelOf(key), value });
    } else if (field instanceof L.PDFRadioGroup) {
      // WeasyPrint writes the options' export values to /Opt (the on-states are 0, 1, 2 …);
      // pdf-lib's getOptions/select read /Opt.
      if (field.getOptions().includes(value)) field.select(value);
      else unmatched.push({ label: labelOf(key), value });
    } else {
      unmatched.push({ label: labelOf(key), value });
    }
  }
  // The sheet's header: whose copy (the answer set's name) and when (contract.header).
  for (const h of contract.header || []) {
    const field = fields.get(h.name);
    const value = h.key === "date" ? danishDate(header.date) : header[h.key];
    if (field instanceof L.PDFTextField && value) {
      const { size, shown } = fitText(field, value, f.regular);
      field.setFontSize(size);
      field.setText(shown);
      if (shown !== value) exact.push([field, value]);
    }
  }
  form.updateFieldAppearances(f.regular);
  // The appearances are drawn: each field's value is the exact text again (not marked for redrawing).
  for (const [field, value] of exact) field.acroField.setValue(L.PDFHexString.fromText(value));
  form.acroForm.dict.set(L.PDFName.of("NeedAppearances"), L.PDFBool.False); // ours are drawn

  // Rows added beyond the PDF's blank ones, then what did not fit: on pages of their own.
  const extraRows = spec.rows ? rowNumbers(spec, a).filter((n) => n > printed) : [];
  const rowsWithText = extraRows.filter((n) => rowKeys(spec, n).some((k) => filled(a, k)));
  const tags = structure(L, doc); // what is drawn below stays in the sheet's structure tree
  if (rowsWithText.length || overflow.length || unmatched.length) {
    const w = textWriter(doc, f, tags);
    w.write(T.moreRows, { font: f.bold, size: 16, role: "H2" });
    w.write(spec.title, { size: 11, gap: 2 });
    if (rowsWithText.length) {
      w.write(T.moreRowsIntro, { size: 10, gap: 8 });
      for (const n of rowsWithText) {
        const name = rowName(spec.rows.prefix, n);
        w.write(expand(spec.rows.label, name, n), { font: f.bold, size: 11, gap: 10, role: "H3" });
        spec.rows.fields.forEach((rf, i) => {
          const key = rowKeys(spec, n)[i];
          if (!filled(a, key)) return;
          const label = expand(rf.label, name, n);
          if (label !== expand(spec.rows.label, name, n)) w.write(label, { font: f.bold, size: 9, gap: 4 });
          w.write(a[key], { size: 10, gap: 2 });
        });
      }
    }
    if (overflow.length || unmatched.length) {
      w.write(T.overflow, { font: f.bold, size: 11, gap: 14, role: "H2" });
      for (const { label, value } of [...overflow, ...unmatched]) {
        w.write(label, { font: f.bold, size: 9, gap: 6 });
        w.write(value, { size: 10 });
      }
    }
  }
  if (doc.getPageCount() > sheetPages) renumber(L, doc, f, sheetPages, tags);
  return { doc, spec };
}

// Where the sheet's PDF prints "Side n af N": pdfbuild/css/base.css, @top-right (7.5 pt, right
// edge 15 mm from the paper's, baseline 10.5 mm from its top).
const MM = 72 / 25.4;
const PAGE_NUMBER = { right: 15 * MM, baseline: 10.5 * MM, size: 7.5, cover: { width: 40 * MM, height: 4.5 * MM, below: 1.3 * MM } };

/**
 * Pages were added ("Flere rækker"): the sheet's own pages still say "Side 1 af 1". Cover that
 * number with white and write "Side n af N" for the whole document on every page.
 */
function renumber(L, doc, f, sheetPages, tags) {
  const total = doc.getPageCount();
  const { right, baseline, size, cover } = PAGE_NUMBER;
  doc.getPages().forEach((page, i) => {
    const { width, height } = page.getSize();
    if (i < sheetPages) {
      tags.artifact(page, () => page.drawRectangle({ x: width - right - cover.width, y: height - baseline - cover.below, width: cover.width + 1, height: cover.height, color: L.rgb(1, 1, 1) }));
    }
    const text = T.pageOf(i + 1, total);
    tags.artifact(page, () => page.drawText(text, { x: width - right - f.regular.widthOfTextAtSize(text, size), y: height - baseline, size, font: f.regular, color: L.rgb(0.33, 0.33, 0.33) }));
  });
}

/**
 * One worksheet's fillable PDF with the answers filled in (the form stays fillable).
 * @param {URL|string} root URL of the site root (see siteRoot())
 * @param {object} contract the parsed key contract (assets/arbejdsark/kontrakt.json)
 * @param {string} sheetId worksheet id
 * @param {Object<string,string>} answers {storage key: value} of this worksheet
 * @param {{organisation?: string, date?: string|Date}} [header] the sheet's header fields: the
 *   answer set's name and the date of the copy
 * @param {{undrawable?: boolean}} [report] set to true when some text could not be drawn as
 *   typed (a character no font here has, or right-to-left script; the Word copy keeps it)
 * @returns {Promise<Uint8Array>} the PDF; added rows beyond the printed blank rows (and any
 *   answer too long for its field) are listed as text on appended "Flere rækker" pages
 */
export async function filledPdf(root, contract, sheetId, answers, header = {}, report = {}) {
  const L = await library(root, "pdf");
  const unicode = needsUnicode(contract, { [sheetId]: answers }, [header.organisation || "", danishDate(header.date)]);
  const { doc } = await fillDocument(L, root, contract, sheetId, answers, header, { unicode, report });
  return doc.save({ updateFieldAppearances: false });
}

/**
 * After pdf-lib's flatten, pages still list the widgets of radio buttons (kids of a field) it
 * deleted: keep only annotations that exist and are not form widgets (the footer's links).
 */
export function dropWidgetAnnotations(L, doc) {
  for (const page of doc.getPages()) {
    const annots = page.node.Annots();
    if (!annots) continue;
    const keep = annots.asArray().filter((ref) => {
      const annot = doc.context.lookup(ref);
      return annot instanceof L.PDFDict && annot.get(L.PDFName.of("Subtype")) !== L.PDFName.of("Widget");
    });
    page.node.set(L.PDFName.of("Annots"), doc.context.obj(keep));
  }
}

/**
 * Every answered worksheet of an answer set in one PDF: a cover page (the set's name, the date,
 * the list of answered sheets with their page numbers), then each answered sheet's filled PDF,
 * flattened, in contract (book) order. Sheets without answers are left out.
 * @param {URL|string} root URL of the site root
 * @param {object} contract the parsed key contract
 * @param {{name?: string, organisation?: string, date?: string|Date, worksheets: Object<string, Object<string,string>>}} set
 *   name: the set's own (the cover); organisation: printed on every sheet (blank line when "")
 * @param {{undrawable?: boolean, onProgress?: (done: number, total: number) => void}} [report]
 *   undrawable as for filledPdf (the cover's set name counts too); onProgress is called as each
 *   sheet is filled, with a pause after it so the page can show it
 * @returns {Promise<Uint8Array>}
 */
export async function allAnswersPdf(root, contract, { name = "", organisation = "", date = "", worksheets = {} } = {}, report = {}) {
  const L = await library(root, "pdf");
  const ids = Object.keys(contract.worksheets).filter((id) => has(worksheets, id) && anyAnswer(worksheets[id]));
  const text = { unicode: needsUnicode(contract, Object.fromEntries(ids.map((id) => [id, worksheets[id]])), [name, danishDate(date)]), report };
  // Fill them all at once (the fetches and the filling overlap), then copy in order.
  let done = 0;
  const parts = await Promise.all(ids.map(async (id) => {
    const { doc, spec } = await fillDocument(L, root, contract, id, worksheets[id], { organisation, date }, text);
    doc.getForm().flatten({ updateFieldAppearances: false });
    dropWidgetAnnotations(L, doc);
    await doc.flush(); // an embedded font is written into the document only now: before its pages are copied
    if (report.onProgress) {
      report.onProgress(++done, ids.length);
      await new Promise((resolve) => setTimeout(resolve)); // a moment to paint it
    }
    return { id, doc, spec };
  }));
  const out = await L.PDFDocument.create();
  const f = await fonts(L, out, root, text.unicode, report);
  out.setTitle(T.pdfTitle(name), { showInWindowTitleBar: true }); // /DisplayDocTitle
  out.setLanguage("da-DK");
  out.setCreator(T.siteName);
  out.setProducer(T.pdfProducer);

  const starts = []; // first page of each sheet, counted after the cover
  let after = 0;
  for (const p of parts) { starts.push(after + 1); after += p.doc.getPageCount(); }
  const lines = parts.map((p) => `${p.spec.step ? p.spec.step.split(":")[0] + " · " : ""}${p.spec.title}`);
  const drawCover = (coverPages) => {
    const w = textWriter(out, f);
    w.write(T.siteName, { size: 10, color: L.rgb(0.3, 0.3, 0.3) });
    w.write(name || T.unnamed, { font: f.bold, size: 22, gap: 10 });
    if (date) w.write(danishDate(date), { size: 11, gap: 4 });
    w.write(ids.length ? T.answeredSheets : T.noAnswersInSet, { font: f.bold, size: 12, gap: 22 });
    lines.forEach((line, i) => w.write(T.coverLine(line, starts[i] + coverPages), { size: 10, gap: 3 }));
    return w.pages();
  };
  // One line per sheet keeps the cover on one page; should a long list run over, draw it
  // again with the page numbers moved by the extra cover pages.
  const cover = drawCover(1);
  if (cover > 1) {
    while (out.getPageCount()) out.removePage(0);
    drawCover(cover);
  }
  for (const p of parts) {
    const pages = await out.copyPages(p.doc, p.doc.getPageIndices());
    pages.forEach((pg) => out.addPage(pg));
  }
  return out.save();
}

// --- Word ------------------------------------------------------------------------------------

/**
 * The answers as a Word document (.docx), language da-DK: the set's name as title, the date,
 * per worksheet a Heading 1 (title) and its step, per answered field its group (Heading 2, when
 * it changes) and question (Heading 3; Heading 2 without a group) with the answer as paragraphs
 * (line breaks kept), and table-like worksheets as Word tables with a header row.
 * @param {object} contract the parsed key contract (the document model already holds its labels)
 * @param {{name, date, sheets}} doc from answersDocument(contract, …) (core/document.js)
 * @param {URL|string} [root] URL of the site root, where the library is loaded from (default siteRoot())
 * @returns {Promise<Blob>}
 */
export async function answersDocx(contract, doc, root = siteRoot()) {
  const D = await library(root, "docx");
  const { Document, Packer, Paragraph, TextRun, HeadingLevel, Table, TableRow, TableCell, WidthType } = D;
  const answer = (value) =>
    String(value).replace(/\r\n?/g, "\n").split(/\n{2,}/).map((para) =>
      new Paragraph({ children: para.split("\n").map((line, i) => new TextRun({ text: line, break: i ? 1 : 0 })) }));
  const children = [
    new Paragraph({ text: doc.name || T.unnamed, heading: HeadingLevel.TITLE }),
  ];
  if (doc.date) children.push(new Paragraph({ children: [new TextRun({ text: danishDate(doc.date) })] }));
  children.push(new Paragraph({ children: [new TextRun({ text: T.siteName, italics: true })] }));
  for (const sheet of doc.sheets) {
    children.push(new Paragraph({ text: sheet.title, heading: HeadingLevel.HEADING_1 }));
    if (sheet.step) children.push(new Paragraph({ children: [new TextRun({ text: sheet.step, italics: true })] }));
    let group = null;
    for (const b of sheet.blocks) {
      if (b.type === "field") {
        const grouped = b.group && b.group !== b.label;
        if (grouped && b.group !== group) children.push(new Paragraph({ text: b.group, heading: HeadingLevel.HEADING_2 }));
        group = grouped ? b.group : null;
        children.push(new Paragraph({ text: b.label, heading: grouped ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_2 }));
        children.push(...answer(b.value));
      } else if (b.type === "table") {
        const covered = new Set();
        const spanAt = new Map();
        (b.spans || []).forEach((s) => {
          spanAt.set(s.row + ":" + s.col, s.span);
          for (let i = 1; i < s.span; i++) covered.add(s.row + ":" + (s.col + i));
        });
        const cell = (text, span = 1) => new TableCell({ columnSpan: span, children: text ? answer(text) : [new Paragraph("")] });
        const rows = [new TableRow({ tableHeader: true, children: b.columns.map((c) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: c, bold: true })] })] })) })];
        b.rows.forEach((row, r) => {
          const cells = [];
          row.forEach((text, c) => { if (!covered.has(r + ":" + c)) cells.push(cell(text, spanAt.get(r + ":" + c) || 1)); });
          rows.push(new TableRow({ children: cells }));
        });
        children.push(new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }));
        children.push(new Paragraph(""));
      }
    }
  }
  const word = new Document({
    creator: T.siteName,
    lastModifiedBy: T.siteName,
    title: doc.name || T.unnamed, // a set without a name
    description: T.docxDescription,
    styles: { default: { document: { run: { language: { value: "da-DK" } } } } },
    sections: [{ children }],
  });
  return Packer.toBlob(word);
}

// --- Files -----------------------------------------------------------------------------------
