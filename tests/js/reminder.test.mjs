import { test } from "node:test";
import assert from "node:assert/strict";
import { FakeStorage } from "./fakestorage.mjs";
import { createStore } from "../../overrides/assets/javascripts/ark/core/store.js";
import { REMIND_AFTER_DAYS, reminderDue } from "../../overrides/assets/javascripts/ark/core/reminder.js";

const DAY = 24 * 60 * 60 * 1000;
const T0 = new Date("2026-03-02T09:00:00Z");
const after = (days) => new Date(T0.getTime() + days * DAY);

test("reminder: due only for changes left unexported REMIND_AFTER_DAYS days or more", () => {
  assert.equal(REMIND_AFTER_DAYS, 14);
  const set = { id: "a", name: "X", unexportedSince: T0.toISOString() };
  assert.equal(reminderDue(set, after(13.9)), false);
  assert.equal(reminderDue(set, after(14)), true);
  assert.equal(reminderDue(set, after(60)), true);
  assert.equal(reminderDue({ id: "a", name: "X" }, after(60)), false, "no change since the last export");
  for (const bad of ["", "i går", 42, null]) assert.equal(reminderDue({ unexportedSince: bad }, after(60)), false, String(bad));
  assert.equal(reminderDue(null, after(60)), false);
});

test("store: the first change after an export is recorded once; an export clears it", () => {
  let now = T0;
  const ls = new FakeStorage();
  const s = createStore(ls, { now: () => now });
  const id = s.currentSet().id;
  assert.equal(s.currentSet().unexportedSince, undefined);
  s.set("trin-7-aarshjul", "januar", "Kickoff");
  assert.equal(s.currentSet().unexportedSince, T0.toISOString());
  now = after(3);
  s.set("trin-7-aarshjul", "januar", "Kickoff igen");
  assert.equal(s.currentSet().unexportedSince, T0.toISOString(), "later changes keep the first time");
  assert.equal(reminderDue(s.currentSet(), after(14)), true);
  now = after(5);
  assert.equal(s.markExported(id), true);
  assert.equal(s.currentSet().exported, after(5).toISOString());
  assert.equal(s.currentSet().unexportedSince, undefined);
  assert.equal(reminderDue(s.currentSet(), after(40)), false, "exported, nothing changed since");
  now = after(6);
  assert.equal(s.replaceSheets(id, { "trin-7-aarshjul": { februar: "Møde" } }), true);
  assert.equal(s.currentSet().unexportedSince, after(6).toISOString(), "an import or merge is a change too");
  assert.equal(s.markExported("ukendt"), false);
  assert.equal(JSON.parse(ls.getItem("ppp:v2:/|sets"))[0].exported, after(5).toISOString(), "kept in the set list");
});
