import { test } from "node:test";
import assert from "node:assert/strict";
import { MAX_COPIES, ROWS_PER_COVER, coverPages, pageLayout, parseCopies, planPack } from "../../overrides/assets/javascripts/ark/core/meetingpack.js";
import { contract } from "./contract.mjs";

test("copies: a whole number from 0 to MAX_COPIES; empty is none; anything else is refused", () => {
  assert.equal(parseCopies(""), 0);
  assert.equal(parseCopies("  "), 0);
  assert.equal(parseCopies(undefined), 0);
  assert.equal(parseCopies("0"), 0);
  assert.equal(parseCopies(" 3 "), 3);
  assert.equal(parseCopies(12), 12);
  assert.equal(parseCopies(String(MAX_COPIES)), MAX_COPIES);
  for (const bad of [String(MAX_COPIES + 1), "-1", "2.5", "1e2", "tre", "0x10", "1000"]) assert.equal(parseCopies(bad), null, bad);
});

test("the plan follows the site's order, not the order of picking, and skips 0 copies and unknown ids", () => {
  const c = contract();
  const ids = Object.keys(c.worksheets);
  const [first, second, third] = [ids[0], ids[5], ids[ids.length - 1]];
  const plan = planPack(c, { [third]: "2", "findes-ikke": "4", [first]: "1", [second]: "0" });
  assert.deepEqual(plan.invalid, []);
  assert.deepEqual(plan.sheets.map((s) => [s.id, s.copies]), [[first, 1], [third, 2]]);
  const sheet = plan.sheets[0];
  assert.equal(sheet.title, c.worksheets[first].title);
  assert.equal(sheet.url, c.worksheets[first].url);
  assert.equal(sheet.pdf, c.worksheets[first].pdf);
  assert.equal(sheet.step, c.worksheets[first].step);
});

test("a sheet whose number is not one is named, so nothing is made from a typing slip", () => {
  const c = contract();
  const id = Object.keys(c.worksheets)[2];
  const plan = planPack(c, { [id]: "99" });
  assert.deepEqual(plan.invalid, [{ id, title: c.worksheets[id].title }]);
  assert.deepEqual(plan.sheets, []);
});

test("page layout: covers first, then each sheet's copies; starts count from the first cover page", () => {
  const sheets = [{ copies: 3 }, { copies: 1 }, { copies: 2 }];
  assert.deepEqual(pageLayout(sheets, [1, 2, 4]), { coverPages: 1, starts: [2, 5, 7], total: 14 });
  const many = Array.from({ length: ROWS_PER_COVER + 1 }, () => ({ copies: 1 }));
  const layout = pageLayout(many, many.map(() => 1));
  assert.equal(layout.coverPages, 2);
  assert.equal(layout.starts[0], 3);
  assert.equal(layout.total, 2 + many.length);
  assert.throws(() => pageLayout(sheets, [1, 2]));
});

test("cover rows split into pages of ROWS_PER_COVER; an empty list is one empty page", () => {
  const rows = Array.from({ length: ROWS_PER_COVER * 2 + 1 }, (_, i) => i);
  const pages = coverPages(rows);
  assert.deepEqual(pages.map((p) => p.length), [ROWS_PER_COVER, ROWS_PER_COVER, 1]);
  assert.deepEqual(pages.flat(), rows);
  assert.deepEqual(coverPages([]), [[]]);
});
