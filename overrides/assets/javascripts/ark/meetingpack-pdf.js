/* The meeting pack's PDF ("Mødepakke"; the form is ark/meetingpack.js, which loads this module
 * with the first click), made entirely in the browser from the published blank PDFs: cover pages
 * listing the sheets, each with a QR code of its page at the address the reader opened, then
 * every copy. pdf-lib and the QR library load with it; both are in the offline precache, as are
 * the blank PDFs, so it works offline. What goes in and the page numbers: core/meetingpack.js.
 */
import { coverPages, pageLayout } from "./core/meetingpack.js";
import { T, t } from "./core/strings.js";
import { A4, MARGIN, dropWidgetAnnotations, fonts, library, wrap } from "./exports.js";

const QR_LIBRARY = "assets/vendor/uqr/uqr.esm.js";
const MM = 72 / 25.4;
const QR_SIZE = 22 * MM;
const ROW_HEIGHT = QR_SIZE + 6 * MM;

/** A QR code of `text` drawn with pdf-lib at (x, y) (its lower left corner), `size` points wide. */
function drawQr(L, page, qr, text, x, y, size) {
  const { data } = qr.encode(text, { border: 0 });
  const cell = size / data.length;
  data.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (dark) page.drawRectangle({ x: x + c * cell, y: y + size - (r + 1) * cell, width: cell, height: cell, color: L.rgb(0, 0, 0) });
    }),
  );
}

/**
 * The pack as PDF bytes.
 * @param {URL} root the site root as opened (the QR codes' addresses start here)
 * @param {{id, title, step, url, pdf, copies}[]} sheets from planPack
 * @returns {Promise<{bytes: Uint8Array, pages: number}>}
 */
export async function meetingPackPdf(root, sheets) {
  const [L, qr] = await Promise.all([library(root, "pdf"), import(new URL(QR_LIBRARY, root).href)]);
  const blanks = await Promise.all(
    sheets.map(async (s) => {
      const response = await fetch(new URL(s.pdf, root));
      if (!response.ok) throw new Error(`${s.pdf}: HTTP ${response.status}`);
      const doc = await L.PDFDocument.load(await response.arrayBuffer());
      // Printed copies: the boxes are drawn on the page; its form fields are left out (every copy
      // would carry the same names, and a blank field has nothing to flatten).
      dropWidgetAnnotations(L, doc);
      return doc;
    }),
  );
  const layout = pageLayout(sheets, blanks.map((doc) => doc.getPageCount()));
  const out = await L.PDFDocument.create();
  const f = await fonts(L, out, root, false, {}); // titles and addresses: Helvetica draws them all
  out.setTitle(t("pack.coverTitle"));
  out.setLanguage("da-DK");
  out.setCreator(T.siteName);

  const rows = sheets.map((s, i) => ({ ...s, start: layout.starts[i] }));
  const width = A4[0] - 2 * MARGIN;
  coverPages(rows).forEach((chunk, p) => {
    const page = out.addPage(A4);
    let y = A4[1] - MARGIN;
    const line = (text, font, size, x = MARGIN, w = width) => {
      for (const part of wrap(text, font, size, w)) {
        y -= size * 1.3;
        page.drawText(part, { x, y, size, font });
      }
    };
    if (p === 0) {
      line(T.siteName, f.regular, 10);
      y -= 6;
      line(t("pack.coverTitle"), f.bold, 22);
      y -= 4;
      line(t("pack.coverIntro", { sheets: sheets.length, n: layout.total }), f.regular, 10);
      y -= 8;
    }
    for (const row of chunk) {
      const top = y - 4 * MM;
      const address = new URL(row.url, root).href;
      drawQr(L, page, qr, address, MARGIN, top - QR_SIZE, QR_SIZE);
      y = top;
      const x = MARGIN + QR_SIZE + 6 * MM;
      const w = width - QR_SIZE - 6 * MM;
      if (row.step) line(row.step, f.regular, 9, x, w);
      line(row.title, f.bold, 12, x, w);
      line(t("pack.coverRow", { n: row.copies, page: row.start }), f.regular, 10, x, w);
      line(address, f.regular, 8, x, w);
      y = Math.min(y, top - ROW_HEIGHT + 4 * MM);
    }
  });
  // Each sheet's pages are embedded once and drawn on every copy's page: the copies share one
  // set of fonts and images (copying the pages would repeat them, about 240 kB per copy).
  for (const [i, sheet] of sheets.entries()) {
    const embedded = await out.embedPages(blanks[i].getPages());
    for (let copy = 0; copy < sheet.copies; copy++) {
      for (const source of embedded) out.addPage([source.width, source.height]).drawPage(source);
    }
  }
  return { bytes: await out.save(), pages: out.getPageCount() };
}
