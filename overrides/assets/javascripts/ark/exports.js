/**
 * Copies of the answers, made entirely in the browser: nothing typed is sent anywhere. The only
 * requests are for the site's own files: the worksheet's blank PDF (`pdf/<id>.pdf`) and the two
 * libraries, which are loaded on demand (the first time a copy is asked for), never with a page:
 *
 *   pdf-lib 1.17.1  assets/vendor/pdf-lib/pdf-lib.esm.min.js   (fill, flatten, copy pages)
 *   docx 9.15.2     assets/vendor/docx/docx.esm.js            (Word writer)
 *
 * Both are self-contained ES modules copied from node_modules by scripts/vendor (pinned in
 * package.json / package-lock.json); `root` below is the URL of the site root, e.g. from
 * `siteRoot()`.
 *
 * Fonts: the PDF copies draw answers with PDF's standard Helvetica (nothing to download). Its
 * encoding is WinAnsi, which holds everything Danish (æøå ÆØÅ é ü, „“ ”‘’, – —, …, €, •), but
 * not every character a person can type. The field *values* always keep the exact text; only
 * what is drawn (field appearances, the extra pages, the cover) shows characters Helvetica
 * cannot encode as close equivalents (→ "->", ≤ "<=", − "-", ő "o", an emoji "?"), see
 * `toWinAnsi`. Nothing throws on an unusual character.
 */
import { expand, fieldFor, filled, has, rowKeyInfo, rowKeys, rowNumbers, sheetSpec } from "./core/contract.js";
import { T, danishDate } from "./core/strings.js";
import { structure } from "./pdftags.js";
import { siteRoot } from "./site.js";

const LIBS = {
  pdf: "assets/vendor/pdf-lib/pdf-lib.esm.min.js",
  docx: "assets/vendor/docx/docx.esm.js",
};
const loaded = {};

/**
 * Load one of the libraries once (dynamic import of the site's own copy).
 * @param {URL|string} root site root
 * @param {"pdf"|"docx"} name
 * @returns {Promise<object>} the library's module namespace
 */
export function library(root, name) {
  const url = new URL(LIBS[name], root).href;
  if (!loaded[url]) {
    loaded[url] = import(url).catch((e) => {
      delete loaded[url]; // let a later click try again (e.g. after a network hiccup)
      throw e;
    });
  }
  return loaded[url];
}

const anyAnswer = (answers) => Object.keys(answers || {}).some((k) => filled(answers, k));

// --- Text Helvetica can draw ----------------------------------------------------------------

// Close equivalents for characters outside WinAnsi that people plausibly type or paste.
const SUBSTITUTES = {
  "\u2192": "->", "\u2190": "<-", "\u2194": "<->", "\u21d2": "=>", "\u2264": "<=", "\u2265": ">=",
  "\u2260": "!=", "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2015": "\u2014",
  "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u2007": " ", "\u2002": " ", "\u2003": " ",
  "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "", "\u00ad": "",
  "\u2032": "'", "\u2033": '"', "\u201b": "'", "\u201f": '"', "\u2039": "\u2039", "\u2043": "-",
  "\u2022": "\u2022", "\u25cf": "\u2022", "\u25aa": "\u2022", "\u2023": "\u2022", "\u2219": "\u00b7",
  "\u2713": "x", "\u2714": "x", "\u2715": "x", "\u2717": "x", "\u2610": "[ ]", "\u2611": "[x]", "\u2612": "[x]",
  "\u2248": "~", "\u00d7": "\u00d7", "\u2026": "\u2026", "\u2116": "No.", "\u2122": "\u2122",
  "\u0152": "\u0152", "\u0153": "\u0153", "\u2030": "\u2030", "\t": "    ",
};
let winAnsi = null; // Set of code points Helvetica (WinAnsi) can encode, from pdf-lib

/**
 * Text as Helvetica (WinAnsi) can draw it: characters it cannot encode become close
 * equivalents (see SUBSTITUTES; else the letter without its accent; else "?").
 * @param {string} text
 * @returns {string}
 */
function toWinAnsi(text) {
  let out = "";
  for (const ch of String(text).normalize("NFC")) {
    const cp = ch.codePointAt(0);
    if (ch === "\n" || !winAnsi || winAnsi.has(cp)) { out += ch; continue; }
    if (has(SUBSTITUTES, ch) && [...SUBSTITUTES[ch]].every((c) => winAnsi.has(c.codePointAt(0)))) { out += SUBSTITUTES[ch]; continue; }
    const base = ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    if (base && [...base].every((c) => winAnsi.has(c.codePointAt(0)))) { out += base; continue; }
    out += cp < 32 ? " " : "?";
  }
  return out;
}

/** A Helvetica that never throws: encodes and measures text through toWinAnsi. */
function safeFont(font) {
  if (!winAnsi) winAnsi = new Set(font.getCharacterSet());
  const safe = Object.create(font); // still `instanceof PDFFont`; name and ref from the real font
  safe.encodeText = (text) => font.encodeText(toWinAnsi(text));
  safe.widthOfTextAtSize = (text, size) => font.widthOfTextAtSize(toWinAnsi(text), size);
  return safe;
}

async function fonts(L, doc) {
  const regular = safeFont(await doc.embedFont(L.StandardFonts.Helvetica));
  const bold = safeFont(await doc.embedFont(L.StandardFonts.HelveticaBold));
  return { regular, bold };
}

// --- Drawing text pages (extra rows, the cover) ---------------------------------------------

const A4 = [595.28, 841.89];
const MARGIN = 56;

/** Word-wrap `text` (line breaks kept) to `width` at `size`. */
function wrap(text, font, size, width) {
  const lines = [];
  for (const para of toWinAnsi(text).replace(/\r\n?/g, "\n").split("\n")) {
    let line = "";
    for (const word of para.split(/ +/)) {
      const next = line ? line + " " + word : word;
      if (font.widthOfTextAtSize(next, size) <= width) { line = next; continue; }
      if (line) lines.push(line);
      line = word;
      while (font.widthOfTextAtSize(line, size) > width && line.length > 1) { // one very long word
        // The longest prefix that fits, by binary search: a pasted 6,000-character string
        // must not cost a measurement per character per line (that froze the tab).
        let lo = 1, hi = line.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (font.widthOfTextAtSize(line.slice(0, mid), size) <= width) lo = mid; else hi = mid - 1;
        }
        lines.push(line.slice(0, lo));
        line = line.slice(lo);
      }
    }
    lines.push(line);
  }
  return lines;
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

/** The largest size ≤ 10 pt at which `text` fits the text field; `fits` false when none does. */
function fitSize(L, field, text, font) {
  const widget = field.acroField.getWidgets()[0];
  const r = widget.getRectangle();
  const bounds = { x: 0, y: 0, width: Math.max(1, r.width - 4), height: Math.max(1, r.height - 4) };
  const multiline = field.isMultiline();
  for (const size of FONT_SIZES) {
    if (!multiline) {
      if (font.widthOfTextAtSize(text.replace(/\s+/g, " "), size) <= bounds.width && font.heightAtSize(size) <= bounds.height) return { size, fits: true };
      continue;
    }
    const layout = L.layoutMultilineText(text, { alignment: L.TextAlignment.Left, fontSize: size, font, bounds });
    if (layout.lines.length * layout.lineHeight <= bounds.height) return { size, fits: true };
  }
  return { size: FONT_SIZES[FONT_SIZES.length - 1], fits: false };
}

async function fetchPdf(root, spec, sheetId) {
  const url = new URL(spec.pdf || `pdf/${sheetId}.pdf`, root);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`The worksheet PDF ${url.pathname} could not be loaded (HTTP ${res.status}).`);
  return new Uint8Array(await res.arrayBuffer());
}

/**
 * Load a worksheet's blank PDF and write `answers` into it; adds "Flere rækker" pages for what
 * has no field. Returns the pdf-lib document (not saved).
 */
async function fillDocument(L, root, contract, sheetId, answers, header = {}) {
  const spec = sheetSpec(contract, sheetId);
  if (!spec) throw new Error(`Unknown worksheet: ${sheetId}`);
  const doc = await L.PDFDocument.load(await fetchPdf(root, spec, sheetId));
  const sheetPages = doc.getPageCount();
  const f = await fonts(L, doc);
  const form = doc.getForm();
  // The appearance font must be in the form's resources, so a viewer that redraws a field
  // (when it is edited) finds the font its /DA names.
  const dr = form.acroForm.dict.lookup(L.PDFName.of("DR"), L.PDFDict);
  if (dr) {
    let fontDict = dr.lookup(L.PDFName.of("Font"), L.PDFDict);
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
      const { size, fits } = fitSize(L, field, value, f.regular);
      field.setFontSize(size);
      field.setText(value);
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
      field.setFontSize(fitSize(L, field, value, f.regular).size);
      field.setText(value);
    }
  }
  form.updateFieldAppearances(f.regular);
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
        const name = spec.rows.prefix + "-" + n;
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
 * @returns {Promise<Uint8Array>} the PDF; added rows beyond the printed blank rows (and any
 *   answer too long for its field) are listed as text on appended "Flere rækker" pages
 */
export async function filledPdf(root, contract, sheetId, answers, header = {}) {
  const L = await library(root, "pdf");
  const { doc } = await fillDocument(L, root, contract, sheetId, answers, header);
  return doc.save({ updateFieldAppearances: false });
}

/**
 * After pdf-lib's flatten, pages still list the widgets of radio buttons (kids of a field) it
 * deleted: keep only annotations that exist and are not form widgets (the footer's links).
 */
function dropWidgetAnnotations(L, doc) {
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
 * @returns {Promise<Uint8Array>}
 */
export async function allAnswersPdf(root, contract, { name = "", organisation = "", date = "", worksheets = {} } = {}) {
  const L = await library(root, "pdf");
  const ids = Object.keys(contract.worksheets).filter((id) => has(worksheets, id) && anyAnswer(worksheets[id]));
  // Fill them all at once (the fetches and the filling overlap), then copy in order.
  const parts = await Promise.all(ids.map(async (id) => {
    const { doc, spec } = await fillDocument(L, root, contract, id, worksheets[id], { organisation, date });
    doc.getForm().flatten({ updateFieldAppearances: false });
    dropWidgetAnnotations(L, doc);
    return { id, doc, spec };
  }));
  const out = await L.PDFDocument.create();
  const f = await fonts(L, out);
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
