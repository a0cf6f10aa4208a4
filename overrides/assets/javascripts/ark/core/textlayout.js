/**
 * Text for the PDF copies (ark/exports.js): which font can draw it, what it draws, and laying it
 * out in lines in time linear in its length.
 *
 * pdf-lib's own layout (layoutMultilineText, also used for a text field's appearance) measures
 * the whole rest of a paragraph again for every line it makes; with a font that converts the
 * text on each measurement that froze the tab for minutes on a 10,000-character answer. Here
 * each distinct character is measured once (measurer) and lines are filled word by word.
 */

/**
 * A width function that measures each distinct character once and adds the widths up. Kerning
 * is left out, which makes a measured line a little wider than drawn (never narrower in
 * practice, as the fonts' kerning pairs draw letters closer): callers keep a small margin.
 * @param {(ch: string) => number} widthOf the width of one character (any unit, e.g. at 1 pt)
 * @returns {(text: string) => number} the width of a text, in the same unit
 */
export function measurer(widthOf) {
  const cache = new Map();
  return (text) => {
    let width = 0;
    for (const ch of text) {
      let w = cache.get(ch);
      if (w === undefined) { w = widthOf(ch); cache.set(ch, w); }
      width += w;
    }
    return width;
  };
}

/**
 * Word-wrap `text` to lines no wider than `maxWidth`: line breaks ("\n", "\r\n", "\r") kept,
 * runs of spaces between words become one, a word wider than a line is broken between its
 * characters. Every character except the spaces that became line ends is kept, in order.
 * @param {string} text
 * @param {number} maxWidth in the unit of `width`
 * @param {(text: string) => number} width e.g. from measurer()
 * @returns {string[]} at least one line ("" for an empty text)
 */
export function wrapText(text, maxWidth, width) {
  const lines = [];
  const space = width(" ");
  for (const para of String(text).replace(/\r\n?/g, "\n").split("\n")) {
    let line = "";
    let lineWidth = 0;
    let started = false; // a line holds a word (which may be "")
    for (const word of para.split(/ +/)) {
      const w = width(word);
      if (started && lineWidth + space + w <= maxWidth) { line += " " + word; lineWidth += space + w; continue; }
      if (started) lines.push(line);
      if (w <= maxWidth) { line = word; lineWidth = w; started = true; continue; }
      // One word wider than the line (a pasted link, a long number): break it anywhere.
      line = ""; lineWidth = 0;
      for (const ch of word) {
        const c = width(ch);
        if (line && lineWidth + c > maxWidth) { lines.push(line); line = ""; lineWidth = 0; }
        line += ch; lineWidth += c;
      }
      started = true;
    }
    lines.push(line);
  }
  return lines;
}

// WinAnsi, the encoding of PDF's standard fonts (Helvetica): Latin-1's printable characters and these.
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

/**
 * Whether PDF's standard Helvetica can draw every character of the texts (line breaks and tabs
 * count as drawable); else a copy needs an embedded font (exports.js loads DejaVu Sans then).
 * @param {Iterable<string>} texts
 * @returns {boolean}
 */
export function standardFontCovers(texts) {
  for (const text of texts) {
    for (const ch of String(text ?? "").normalize("NFC")) {
      const cp = /** @type {number} */ (ch.codePointAt(0)); // ch is one character, never ""
      if ((cp >= 0x20 && cp < 0x7f) || (cp >= 0xa0 && cp <= 0xff) || ch === "\n" || ch === "\r" || ch === "\t" || WIN_ANSI_EXTRA.has(ch)) continue;
      return false;
    }
  }
  return true;
}

const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/; // Hebrew, Arabic, Syriac, Thaana, N'Ko …

/**
 * Text as a font with the code points `charset` draws it: tabs become four spaces, other control
 * characters a space, characters the font lacks "?". `report.undrawable` becomes true when a
 * character was replaced or the text has right-to-left script (drawn, but a line mixing it with
 * left-to-right text comes out in the wrong order: pdf-lib has no bidirectional layout).
 * @param {string} text
 * @param {Set<number>} charset code points the font has
 * @param {{undrawable?: boolean}} report
 * @returns {string} NFC-normalised
 */
export function drawableText(text, charset, report) {
  let out = "";
  for (const ch of String(text).normalize("NFC")) {
    const cp = /** @type {number} */ (ch.codePointAt(0)); // ch is one character, never ""
    if (ch === "\n" || charset.has(cp)) out += ch;
    else if (ch === "\t") out += "    ";
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) out += " ";
    else { out += "?"; report.undrawable = true; }
  }
  if (RIGHT_TO_LEFT.test(out)) report.undrawable = true;
  return out;
}
