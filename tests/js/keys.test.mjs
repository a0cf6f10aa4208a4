import { test } from "node:test";
import assert from "node:assert/strict";
import { FakeStorage } from "./fakestorage.mjs";
import { createStore } from "../../overrides/assets/javascripts/ark/core/store.js";
import { hasAnswers } from "../../overrides/assets/javascripts/ark/core/keys.js";

test("hasAnswers: whatever the store writes, at any site path, makes the worksheet code load with the page", () => {
  for (const root of ["/", "/parat/"]) {
    const ls = new FakeStorage();
    ls.setItem("andet-site", "x"); // another application's key on the same origin
    assert.equal(hasAnswers(ls), false);
    createStore(ls, { root }).set("trin-7-aarshjul", "januar", "Kickoff");
    assert.equal(hasAnswers(ls), true, root);
  }
});

test("hasAnswers: a first-version answer (migrated by the store when it loads) counts; nothing else does", () => {
  const ls = new FakeStorage();
  assert.equal(hasAnswers(ls), false);
  ls.setItem("sidebar-state", "open");
  assert.equal(hasAnswers(ls), false);
  ls.setItem("v1:trin-3-refleksion:punkt-1", "1");
  assert.equal(hasAnswers(ls), true);
});
