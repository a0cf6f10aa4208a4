/**
 * A neutral model of "the answers as a document", for the Word (.docx) writer, the PDF cover
 * list and plain-text copies. No HTML, no styling: just titles, labelled answers and tables.
 *
 * Doc   = {name, date, sheets: Sheet[]}            (name, date: passed through as given)
 * Sheet = {id, title, step: string|null, blocks: Block[]}
 * Block = {type: "field", label, group: string|null, value, fieldType: "text"|"check"|"choice"}
 *       | {type: "table", columns: string[], rows: string[][], spans: {row, col, span}[]}
 *
 * Tables: every row has exactly columns.length cell strings: the book's fixed text, the answer,
 * or "". A cell spanning k columns (the dialogue paper's shared rows) holds its text in its first
 * column and "" in the k-1 columns it covers; `spans` lists those cells (row and col are indices
 * into rows and a row) so a writer can merge them – or ignore `spans` and show empty cells.
 */
import { T } from "./strings.js";
import { ROW, expand, filled, has, rowName, rowNumbers, rowKeys, sheetSpec } from "./contract.js";


function display(field, value, C) {
  return field.type === "check" ? (value === C.checked ? T.yes : value) : value;
}

function tableBlock(spec, answers) {
  const columns = [...spec.table.columns];
  const rows = [];
  const spans = [];
  const addRow = (cells) => {
    const row = [];
    cells.forEach((cell) => {
      const span = cell.span || 1;
      if (span > 1) spans.push({ row: rows.length, col: row.length, span });
      row.push(has(cell, "key") ? (filled(answers, cell.key) ? answers[cell.key] : "") : cell.text || "");
      for (let i = 1; i < span; i++) row.push("");
    });
    while (row.length < columns.length) row.push("");
    rows.push(row);
  };
  spec.table.rows.forEach(addRow);
  if (spec.rows && spec.table.added.length) {
    for (const n of rowNumbers(spec, answers)) {
      const name = rowName(spec.rows.prefix, n);
      addRow(spec.table.added.map((c) => (has(c, "key") ? { ...c, key: c.key.split(ROW).join(name) } : c)));
    }
  }
  return { type: "table", columns, rows, spans };
}

function fieldBlocks(C, sheetId, spec, answers) {
  const blocks = [];
  const push = (f) => {
    if (filled(answers, f.key)) blocks.push({ type: "field", label: f.label, group: f.group || null, value: display(f, answers[f.key], C), fieldType: f.type });
  };
  // Contract order already puts a checklist note right after its item.
  spec.fields.forEach(push);
  if (spec.rows) {
    for (const n of rowNumbers(spec, answers)) {
      const name = rowName(spec.rows.prefix, n);
      const group = spec.rows.label.split("{n}").join(String(n));
      spec.rows.fields.forEach((f, i) => push({ ...f, key: rowKeys(spec, n)[i], label: expand(f.label, name, n), group }));
    }
  }
  return blocks;
}

/**
 * The answers of one answer set as a document model.
 * @param {import("./contract.js").Contract} C parsed contract
 * @param {{name?: string|null, date?: string|null, worksheets?: Object<string, Object<string,string>>}} args
 * @returns {{name: string|null, date: string|null, sheets: Array<{id: string, title: string,
 *   step: string|null, blocks: object[]}>}} only sheets with at least one answer, contract order;
 *   list-like sheets get one field block per answered field (checks read T.yes, "Ja"); sheets
 *   with a table layout get a single table block (fixed rows, then added rows)
 */
export function answersDocument(C, { name = null, date = null, worksheets = {} } = {}) {
  const sheets = [];
  for (const id of Object.keys(C.worksheets)) {
    const answers = has(worksheets, id) ? worksheets[id] || {} : {};
    if (!Object.keys(answers).some((k) => filled(answers, k))) continue;
    const spec = /** @type {import("./contract.js").SheetSpec} */ (sheetSpec(C, id)); // id is one of C's
    const blocks = spec.table ? [tableBlock(spec, answers)] : fieldBlocks(C, id, spec, answers);
    sheets.push({ id, title: spec.title, step: spec.step || null, blocks });
  }
  return { name, date, sheets };
}

// Table cells are one line each in plain text.
const oneLine = (s) => s.split(/\r?\n/).map((x) => x.trim()).filter((x) => x).join(" / ");

/**
 * A readable plain-text form of a document model: name and date, then per sheet its title and
 * step, group headings when they change, "Label:\nAnswer" pairs, and tables as " | "-separated
 * lines (the header first; cells covered by a span are left out).
 * @param {{name, date, sheets}} doc from answersDocument
 * @returns {string} ends with one "\n"
 */
export function toPlainText(doc) {
  const out = [];
  if (doc.name) out.push(doc.name);
  if (doc.date) out.push(doc.date);
  for (const sheet of doc.sheets) {
    if (out.length) out.push("");
    out.push(sheet.title.toUpperCase());
    if (sheet.step) out.push(sheet.step);
    let group = null;
    for (const b of sheet.blocks) {
      out.push("");
      if (b.type === "field") {
        if (b.group && b.group !== group && b.group !== b.label) { out.push(b.group, ""); }
        group = b.group;
        out.push(b.label + ":", b.value);
      } else {
        const covered = new Set();
        b.spans.forEach((s) => { for (let i = 1; i < s.span; i++) covered.add(s.row + ":" + (s.col + i)); });
        if (b.columns.some((c) => c)) out.push(b.columns.join(" | "));
        b.rows.forEach((row, r) => out.push(row.filter((_, c) => !covered.has(r + ":" + c)).map(oneLine).join(" | ")));
      }
    }
  }
  return out.join("\n").replace(/\n{3,}/g, "\n\n").trim() + "\n";
}
