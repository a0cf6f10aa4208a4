/* The meeting pack ("Mødepakke"): the pure part. A facilitator picks worksheets from any steps and
 * a number of copies of each; the pack is one PDF: cover pages listing the sheets (each with a QR
 * code of its page), then the copies. This module decides what goes in and where it starts; the
 * PDF itself is made by ark/meetingpack.js from the published blank PDFs. No DOM here.
 */

/** The most copies of one sheet a pack holds (a big workshop; more is surely a typing slip). */
export const MAX_COPIES = 40;
/** Sheets listed on one cover page (each row holds a QR code of about 2 cm). */
export const ROWS_PER_COVER = 8;

/**
 * The number typed in a sheet's copies field: 0 for an empty field, null when it is not a whole
 * number from 0 to MAX_COPIES.
 * @param {string|number|null|undefined} value
 * @returns {number|null}
 */
export function parseCopies(value) {
  const text = String(value ?? "").trim();
  if (text === "") return 0;
  if (!/^\d{1,3}$/.test(text)) return null;
  const n = Number(text);
  return n <= MAX_COPIES ? n : null;
}

/**
 * What the pack holds, in the site's order (the contract's: step by step), whatever order the
 * sheets were picked in.
 * @param {{worksheets: Object<string, {title: string, step?: string|null, url: string, pdf?: string}>}} contract
 *   the published key contract
 * @param {Object<string, string|number>} picked {worksheet id: copies as typed}; ids the contract
 *   does not know are ignored (an old page, a tampered form)
 * @returns {{sheets: {id: string, title: string, step: string|null, url: string, pdf: string, copies: number}[],
 *   invalid: {id: string, title: string}[]}} sheets with 1 or more copies; `invalid`: the sheets whose
 *   number is not one (nothing is made while there are any)
 */
export function planPack(contract, picked) {
  const sheets = [];
  const invalid = [];
  for (const [id, spec] of Object.entries(contract.worksheets)) {
    if (!Object.prototype.hasOwnProperty.call(picked, id)) continue;
    const copies = parseCopies(picked[id]);
    if (copies === null) invalid.push({ id, title: spec.title });
    else if (copies > 0) {
      sheets.push({ id, title: spec.title, step: spec.step || null, url: spec.url, pdf: spec.pdf || `pdf/${id}.pdf`, copies });
    }
  }
  return { sheets, invalid };
}

/**
 * Where each sheet's first copy starts, counting from the first cover page as page 1.
 * @param {{copies: number}[]} sheets from planPack, in pack order
 * @param {number[]} pages the pages of one copy of each sheet (same order)
 * @returns {{coverPages: number, starts: number[], total: number}}
 */
export function pageLayout(sheets, pages) {
  if (pages.length !== sheets.length) throw new Error("pageLayout: one page count per sheet");
  const coverPages = Math.max(1, Math.ceil(sheets.length / ROWS_PER_COVER));
  const starts = [];
  let next = coverPages + 1;
  sheets.forEach((sheet, i) => {
    starts.push(next);
    next += sheet.copies * pages[i];
  });
  return { coverPages, starts, total: next - 1 };
}

/**
 * The cover's rows split into cover pages of ROWS_PER_COVER.
 * @template T
 * @param {T[]} rows
 * @returns {T[][]}
 */
export function coverPages(rows) {
  const out = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_COVER) out.push(rows.slice(i, i + ROWS_PER_COVER));
  return out.length ? out : [[]];
}
