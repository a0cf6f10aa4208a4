import { test } from "node:test";
import assert from "node:assert/strict";
import { KEY_ACTIONS, itemUrl, keyAction, move, startIndex, tabTarget } from "../../overrides/assets/javascripts/ark/core/present.js";

test("keys: arrows, PageUp/PageDown, Space and Enter move; Home/End jump; Escape closes; others are left alone", () => {
  assert.equal(keyAction("ArrowRight"), "next");
  assert.equal(keyAction("PageDown"), "next");
  assert.equal(keyAction(" "), "next");
  assert.equal(keyAction("Enter"), "next");
  assert.equal(keyAction(" ", { shiftKey: true }), "prev");
  assert.equal(keyAction("ArrowLeft"), "prev");
  assert.equal(keyAction("PageUp"), "prev");
  assert.equal(keyAction("Home"), "first");
  assert.equal(keyAction("End"), "last");
  assert.equal(keyAction("Escape"), "close");
  for (const key of ["a", "Tab", "ArrowUp", "Spacebar", "toString", "__proto__"]) assert.equal(keyAction(key), null, key);
  assert.ok(Object.isFrozen(KEY_ACTIONS));
});

test("on a focused button, Space and Enter are the button's; the other keys still move", () => {
  const onButton = true;
  assert.equal(keyAction(" ", { onButton }), null);
  assert.equal(keyAction(" ", { onButton, shiftKey: true }), null);
  assert.equal(keyAction("Enter", { onButton }), null);
  assert.equal(keyAction("ArrowRight", { onButton }), "next");
  assert.equal(keyAction("PageUp", { onButton }), "prev");
  assert.equal(keyAction("Escape", { onButton }), "close");
});

test("Tab keeps focus among the view's controls, round and round", () => {
  assert.equal(tabTarget(-1, 3, false), 0); // from the view itself
  assert.equal(tabTarget(-1, 3, true), 2);
  assert.equal(tabTarget(0, 3, false), 1);
  assert.equal(tabTarget(2, 3, false), 0);
  assert.equal(tabTarget(0, 3, true), 2);
  assert.equal(tabTarget(1, 3, true), 0);
  assert.equal(tabTarget(7, 3, false), 0); // not among them: the first
  assert.equal(tabTarget(0, 0, false), -1);
  assert.equal(tabTarget(0, 1, true), 0);
});

test("move stays inside the items and does not wrap", () => {
  assert.equal(move(0, 5, "next"), 1);
  assert.equal(move(4, 5, "next"), 4);
  assert.equal(move(0, 5, "prev"), 0);
  assert.equal(move(3, 5, "prev"), 2);
  assert.equal(move(3, 5, "first"), 0);
  assert.equal(move(1, 5, "last"), 4);
  assert.equal(move(2, 5, "close"), 2);
  assert.equal(move(9, 5, "prev"), 3); // an index out of range is brought back first
  assert.equal(move(0, 0, "next"), 0);
  assert.equal(move(0, 1, "next"), 0);
});

test("start at the item the address points at, else the first", () => {
  const items = [{ id: "trin-3-foer-moedet--a" }, { id: "trin-3-foer-moedet--b" }];
  assert.equal(startIndex(items, "#trin-3-foer-moedet--b"), 1);
  assert.equal(startIndex(items, "trin-3-foer-moedet--b"), 1);
  assert.equal(startIndex(items, "#gode-raad-foer-moedet"), 0);
  assert.equal(startIndex(items, ""), 0);
  assert.equal(startIndex(items, undefined), 0);
});

test("a malformed address (a link cut off after '%') starts at the first item instead of throwing", () => {
  const items = [{ id: "a" }, { id: "b%" }];
  assert.equal(startIndex(items, "#%"), 0);
  assert.equal(startIndex(items, "#%E6%9"), 0);
  assert.equal(startIndex(items, "#b%"), 1);
});

test("an item's address is the page's own, under any sub-path, with the item's anchor only", () => {
  assert.equal(itemUrl("https://example.org/parat/trin-3/", "trin-3-foer-moedet--a"), "https://example.org/parat/trin-3/#trin-3-foer-moedet--a");
  assert.equal(itemUrl("http://127.0.0.1:8000/trin-3/?q=x#gode-raad-foer-moedet", "trin-3-foer-moedet--a"), "http://127.0.0.1:8000/trin-3/#trin-3-foer-moedet--a");
  assert.equal(itemUrl("https://host/a/b/arbejdsark/trin-3-foer-moedet/", "trin-3-foer-moedet--a"), "https://host/a/b/arbejdsark/trin-3-foer-moedet/#trin-3-foer-moedet--a");
});
