import { test } from "node:test";
import assert from "node:assert/strict";
import { measurer, wrapText } from "../../overrides/assets/javascripts/ark/core/textlayout.js";

const mono = (ch) => (ch === " " ? 1 : 2); // a letter is 2 wide, a space 1

test("words fill each line; line breaks and empty lines are kept", () => {
  const width = measurer(mono);
  assert.deepEqual(wrapText("aa bb cc dd", 19, width), ["aa bb cc dd"]); // 4+1+4+1+4+1+4 = 19
  assert.deepEqual(wrapText("aa bb cc dd", 18, width), ["aa bb cc", "dd"]);
  assert.deepEqual(wrapText("aa bb cc dd", 10, width), ["aa bb", "cc dd"]);
  assert.deepEqual(wrapText("aa bb\n\ncc\r\ndd", 100, width), ["aa bb", "", "cc", "dd"]);
  assert.deepEqual(wrapText("", 10, width), [""]);
  assert.deepEqual(wrapText("aa    bb", 100, width), ["aa bb"]);
});

test("a word wider than the line is broken between its characters, nothing lost", () => {
  const width = measurer(mono);
  const lines = wrapText("x abcdefghij y", 6, width);
  assert.deepEqual(lines, ["x", "abc", "def", "ghi", "j y"]); // j(2) + space(1) + y(2) = 5
  assert.deepEqual(wrapText("😀😀😀😀", 4, width), ["😀😀", "😀😀"], "whole characters, never half a surrogate pair");
});

test("50,000 characters are laid out measuring each distinct character once", () => {
  let calls = 0;
  const width = measurer((ch) => { calls++; return mono(ch); });
  const text = Array.from({ length: 5000 }, (_, i) => "ord" + (i % 10) + "æø").join(" ").padEnd(50_000, "x");
  const t = performance.now();
  const lines = wrapText(text, 200, width);
  assert.ok(performance.now() - t < 500, "linear: well under a second");
  assert.ok(calls <= 20, `${calls} measurements`);
  assert.equal(lines.join(" ").replace(/ /g, "").length, text.replace(/ /g, "").length);
  assert.ok(lines.every((line) => width(line) <= 200));
});

test("Helvetica (WinAnsi) covers everything Danish, not Ł, arrows, emoji or other scripts", async () => {
  const { standardFontCovers } = await import("../../overrides/assets/javascripts/ark/core/textlayout.js");
  assert.equal(standardFontCovers(["Æbler, øl og ål – „citat“ … € • é ü ß", "linje 1\nlinje 2\r\n\tind"]), true);
  assert.equal(standardFontCovers(["a\u030a"]), true, "a decomposed å is å");
  for (const odd of ["Łukasz", "→", "≤", "✓", "😀", "Ωmega", "Привет", "שלום", "مرحبا", "中文", "ő"]) assert.equal(standardFontCovers(["ok", odd]), false, odd);
  assert.equal(standardFontCovers([]), true);
});

test("drawable text: what the font lacks becomes '?', right-to-left script is reported", async () => {
  const { drawableText } = await import("../../overrides/assets/javascripts/ark/core/textlayout.js");
  const charset = new Set([..."abcŁ😀 ?\n"].map((c) => c.codePointAt(0)).concat(["ש".codePointAt(0)]));
  let report = {};
  assert.equal(drawableText("abc Ł 😀\n", charset, report), "abc Ł 😀\n");
  assert.equal(report.undrawable, undefined);
  assert.equal(drawableText("a\tb\u0001c", charset, report), "a    b c");
  assert.equal(report.undrawable, undefined, "tabs and control characters are not a loss");
  assert.equal(drawableText("a 中文", charset, report), "a ??");
  assert.equal(report.undrawable, true);
  report = {};
  assert.equal(drawableText("a ש", charset, report), "a ש");
  assert.equal(report.undrawable, true, "right-to-left text may come out in the wrong order");
});
