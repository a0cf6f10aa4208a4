import { test } from "node:test";
import assert from "node:assert/strict";
import { contract } from "./contract.mjs";
import { FakeStorage } from "./fakestorage.mjs";
import { NAME_MAX, createStore } from "../../overrides/assets/javascripts/ark/core/store.js";
import { T } from "../../overrides/assets/javascripts/ark/core/strings.js";

const C = contract();
const NOW = () => new Date("2026-11-29T10:00:00Z");

test("first use: a default set; answers under the documented key scheme", () => {
  const ls = new FakeStorage();
  const s = createStore(ls, { root: "/parat/", now: NOW });
  const cur = s.currentSet();
  assert.equal(cur.name, T.defaultSetName);
  assert.equal(cur.created, "2026-11-29T10:00:00.000Z");
  assert.deepEqual(s.sets(), [cur]);
  assert.equal(s.set("trin-7-aarshjul", "januar", "Kickoff"), true);
  assert.equal(ls.getItem(`ppp:v2:/parat/|a|${cur.id}|trin-7-aarshjul|januar`), "Kickoff");
  assert.deepEqual(JSON.parse(ls.getItem("ppp:v2:/parat/|sets")), [{ ...cur, unexportedSince: cur.created }]);
  assert.equal(ls.getItem("ppp:v2:/parat/|current"), cur.id);
  assert.equal(s.get("trin-7-aarshjul", "januar"), "Kickoff");
  assert.equal(s.get("trin-7-aarshjul", "februar"), "");
  assert.equal(s.set("trin-7-aarshjul", "januar", ""), true, "empty removes");
  assert.equal(ls.getItem(`ppp:v2:/parat/|a|${cur.id}|trin-7-aarshjul|januar`), null);
  assert.throws(() => s.set("a|b", "k", "v"), TypeError);
});

test("two roots on one storage never see each other", () => {
  const ls = new FakeStorage();
  const a = createStore(ls, { root: "/parat/" });
  const b = createStore(ls, { root: "/parat-test/" });
  a.set("trin-7-aarshjul", "januar", "A");
  a.createSet("Kun A");
  b.set("trin-7-aarshjul", "januar", "B");
  assert.equal(a.get("trin-7-aarshjul", "januar"), "A");
  assert.equal(b.get("trin-7-aarshjul", "januar"), "B");
  assert.deepEqual(a.sets().map((x) => x.name), [T.defaultSetName, "Kun A"]);
  assert.deepEqual(b.sets().map((x) => x.name), [T.defaultSetName]);
  assert.deepEqual(b.allEntries(), { "trin-7-aarshjul": { januar: "B" } });
  for (const k of [...ls.map.keys()]) {
    assert.ok(a.parseKey(k) === null || b.parseKey(k) === null, k);
  }
  const aKey = [...ls.map.keys()].find((k) => k.startsWith("ppp:v2:/parat/|a|"));
  assert.deepEqual(a.parseKey(aKey), { kind: "answer", setId: a.currentSet().id, sheet: "trin-7-aarshjul", key: "januar" });
  assert.equal(b.parseKey(aKey), null);
  assert.deepEqual(a.parseKey("ppp:v2:/parat/|sets"), { kind: "sets" });
  assert.deepEqual(a.parseKey("ppp:v2:/parat/|current"), { kind: "current" });
  assert.equal(a.parseKey("v1:trin-7-aarshjul:januar"), null);
  assert.equal(a.parseKey(null), null);
  assert.equal(a.parseKey("ppp:v2:/parat/|a|x"), null);
});

test("v1 migration: once per root, into the default set, _rows dropped, rows compacted, v1 left in place", () => {
  const ls = new FakeStorage();
  ls.setItem("v1:trin-7-aarshjul:januar", "Gammel");
  ls.setItem("v1:trin-7-kpi:_rows", "3");
  ls.setItem("v1:trin-7-kpi:raekke-2--maal", "Mål to");
  ls.setItem("v1:trin-7-kpi:raekke-3--kpi", "KPI tre");
  ls.setItem("other-app", "x");
  const s = createStore(ls, { root: "/", contract: C });
  assert.deepEqual(s.allEntries(), {
    "trin-7-aarshjul": { januar: "Gammel" },
    "trin-7-kpi": { "raekke-1--maal": "Mål to", "raekke-2--kpi": "KPI tre" },
  });
  assert.equal(ls.getItem("v1:trin-7-aarshjul:januar"), "Gammel", "v1 keys are left in place");
  // Runs once: later v1 changes (an old tab) are not copied again, and a new set starts empty.
  ls.setItem("v1:trin-7-aarshjul:februar", "Senere");
  const again = createStore(ls, { root: "/", contract: C });
  assert.deepEqual(Object.keys(again.allEntries()["trin-7-aarshjul"]), ["januar"]);
  const other = again.createSet("Andet");
  assert.deepEqual(again.allEntries(other.id), {});
  // Another root migrates on its own first use.
  const t = createStore(ls, { root: "/parat-test/" });
  assert.equal(t.get("trin-7-aarshjul", "februar"), "Senere");
});

test("sets: create, rename, switch, delete (current moves on; a default appears when none is left)", () => {
  const s = createStore(new FakeStorage(), { root: "/" });
  const first = s.currentSet();
  const second = s.createSet("  Fonden  ");
  assert.equal(second.name, "Fonden");
  assert.equal(s.currentSet().id, first.id, "creating does not switch");
  assert.equal(s.switchSet(second.id), true);
  assert.equal(s.switchSet("nope"), false);
  s.set("trin-7-aarshjul", "maj", "i fonden");
  assert.equal(s.get("trin-7-aarshjul", "maj", first.id), "");
  assert.equal(s.renameSet(second.id, "Fonden 2"), true);
  assert.equal(s.renameSet("nope", "x"), false);
  assert.equal(s.sets()[1].name, "Fonden 2");
  assert.equal(s.deleteSet(second.id).id, first.id);
  assert.equal(s.sets().length, 1);
  assert.deepEqual(s.allEntries(second.id), {}, "its answers are gone");
  const last = s.deleteSet(first.id);
  assert.notEqual(last.id, first.id);
  assert.equal(last.name, T.defaultSetName);
  assert.deepEqual(s.sets(), [last]);
});

test("set names are unique and at most NAME_MAX characters, as imports' names are", () => {
  const s = createStore(new FakeStorage(), { root: "/" });
  const a = s.createSet("Fonden");
  const b = s.createSet("Fonden ");
  const c = s.createSet("Fonden");
  assert.deepEqual([a.name, b.name, c.name], ["Fonden", "Fonden 2", "Fonden 3"]);
  assert.equal(s.createSet(T.defaultSetName).name, T.defaultSetName + " 2", "the default set has its name too");
  const long = s.createSet("x".repeat(5011));
  assert.equal(long.name, "x".repeat(NAME_MAX));
  assert.equal(s.createSet("x".repeat(300)).name, "x".repeat(NAME_MAX - 2) + " 2", "cut to make room for the number");
  assert.equal(s.renameSet(c.id, "Fonden"), true);
  assert.equal(s.sets().find((x) => x.id === c.id).name, "Fonden 3", "another set has the name");
  assert.equal(s.renameSet(a.id, "Fonden"), true);
  assert.equal(s.sets().find((x) => x.id === a.id).name, "Fonden", "its own name is no clash");
  assert.equal(new Set(s.sets().map((x) => x.name)).size, s.sets().length);
});

test("a new set while storage is full is not made, not even in memory (nothing to lose, nothing 'unsaved')", () => {
  const ls = new FakeStorage({ limit: 1000 });
  const s = createStore(ls, { root: "/" });
  const current = s.currentSet().id;
  assert.equal(s.set("trin-7-aarshjul", "januar", "x".repeat(250)), true);
  const before = s.sets(); // after the answer: its first change since an export is noted in the list
  assert.equal(s.createSet("Nyt partnerskab med et langt navn ".repeat(5)), null);
  assert.deepEqual(s.sets(), before);
  assert.equal(s.unsaved(), 0);
  assert.equal(s.currentSet().id, current);
  ls.limit = Infinity;
  assert.equal(s.createSet("Nu er der plads").name, "Nu er der plads");
});

test("snapshotSheets + restore put sheets back as they were (undo of a merge)", () => {
  const s = createStore(new FakeStorage(), { root: "/" });
  const id = s.currentSet().id;
  s.set("trin-7-aarshjul", "januar", "før");
  const snap = s.snapshotSheets(id, ["trin-7-aarshjul", "trin-7-kpi"]);
  assert.equal(s.get("trin-7-aarshjul", "januar"), "før", "taking a snapshot changes nothing");
  assert.equal(s.replaceSheets(id, { "trin-7-aarshjul": { januar: "flettet", maj: "ny" }, "trin-7-kpi": { "raekke-1--maal": "ny" } }), true);
  assert.equal(s.restore(snap), true);
  assert.deepEqual(s.allEntries(id), { "trin-7-aarshjul": { januar: "før" } });
});

test("quota: a refused value lives in memory, wins over storage for reads and exports", () => {
  const ls = new FakeStorage({ limit: 600 });
  const s = createStore(ls, { root: "/" });
  const id = s.currentSet().id;
  assert.equal(s.set("trin-7-aarshjul", "januar", "kort"), true);
  assert.equal(s.set("trin-7-aarshjul", "januar", "x".repeat(400)), false);
  assert.equal(ls.getItem(`ppp:v2:/|a|${id}|trin-7-aarshjul|januar`), "kort", "storage still holds the old value");
  assert.equal(s.unsaved(), 1);
  assert.equal(s.get("trin-7-aarshjul", "januar"), "x".repeat(400));
  assert.deepEqual(s.entries("trin-7-aarshjul"), { januar: "x".repeat(400) });
  assert.deepEqual(s.allEntries(), { "trin-7-aarshjul": { januar: "x".repeat(400) } });
  assert.equal(s.set("trin-7-aarshjul", "februar", "y".repeat(400)), false);
  assert.equal(s.unsaved(), 2);
  assert.equal(s.set("trin-7-aarshjul", "februar", ""), true);
  assert.equal(s.unsaved(), 1);
  ls.limit = Infinity;
  assert.equal(s.flush(), 0);
  assert.equal(ls.getItem(`ppp:v2:/|a|${id}|trin-7-aarshjul|januar`), "x".repeat(400));
});

test("replaceSheets is all or nothing", () => {
  const ls = new FakeStorage({ limit: 1600 });
  const s = createStore(ls, { root: "/" });
  const id = s.currentSet().id;
  assert.equal(s.set("trin-7-aarshjul", "januar", "gammel"), true);
  assert.equal(s.set("trin-7-kpi", "raekke-1--maal", "gammel"), true);
  assert.equal(s.set("trin-7-aarshjul", "marts", "også gammel"), true);
  assert.equal(s.set("trin-1-refleksion", "x", "urørt"), true);
  const before = new Map(ls.map);
  const ok = s.replaceSheets(id, { "trin-7-aarshjul": { april: "ny" }, "trin-7-kpi": { "raekke-1--maal": "n".repeat(300), "raekke-2--maal": "m".repeat(300) } });
  assert.equal(ok, false);
  assert.deepEqual(new Map(ls.map), before, "storage exactly as before");
  assert.equal(s.unsaved(), 0);
  ls.limit = Infinity;
  assert.equal(s.replaceSheets(id, { "trin-7-aarshjul": { april: "ny", maj: "" } }), true);
  assert.deepEqual(s.allEntries(), { "trin-7-aarshjul": { april: "ny" }, "trin-7-kpi": { "raekke-1--maal": "gammel" }, "trin-1-refleksion": { x: "urørt" } });
  assert.equal(s.replaceSheets("nope", { "trin-7-aarshjul": {} }), false);
});

test("clearSheets returns an undo snapshot (stored and unsaved values)", () => {
  const ls = new FakeStorage({ limit: 1000 });
  const s = createStore(ls, { root: "/" });
  const id = s.currentSet().id;
  s.set("trin-7-aarshjul", "januar", "jan");
  s.set("trin-7-kpi", "raekke-1--maal", "kpi");
  assert.equal(s.set("trin-7-aarshjul", "maj", "z".repeat(500)), false, "unsaved");
  const snap = s.clearSheets(id, ["trin-7-aarshjul", "trin-7-kpi"]);
  assert.deepEqual(s.allEntries(), {});
  assert.equal(s.unsaved(), 0);
  s.set("trin-7-aarshjul", "februar", "ny efter sletning");
  assert.equal(s.restore(snap), false, "the unsaved value is back, but only in memory");
  assert.deepEqual(s.allEntries(), { "trin-7-aarshjul": { januar: "jan", maj: "z".repeat(500) }, "trin-7-kpi": { "raekke-1--maal": "kpi" } });
  assert.equal(s.unsaved(), 1);
  const s2 = createStore(new FakeStorage(), { root: "/" });
  s2.set("trin-7-aarshjul", "januar", "jan");
  const snap2 = s2.clearSheets(s2.currentSet().id, ["trin-7-aarshjul"]);
  assert.equal(s2.restore(snap2), true);
  assert.equal(s2.get("trin-7-aarshjul", "januar"), "jan");
});

test("blocked storage (null): everything works in memory", () => {
  const s = createStore(null, { root: "/" });
  assert.equal(s.persistent, false);
  assert.equal(s.currentSet().name, T.defaultSetName);
  assert.equal(s.set("trin-7-aarshjul", "januar", "mem"), true);
  assert.deepEqual(s.allEntries(), { "trin-7-aarshjul": { januar: "mem" } });
  const other = s.createSet("B");
  s.switchSet(other.id);
  assert.deepEqual(s.allEntries(), {});
  assert.equal(s.unsaved(), 0);
});

test("a storage that throws on every call behaves like an empty, full one", () => {
  const hostile = { get length() { throw new Error("SecurityError"); }, key() { throw new Error(); }, getItem() { throw new Error(); }, setItem() { throw new Error(); }, removeItem() { throw new Error(); } };
  const s = createStore(hostile, { root: "/" });
  assert.equal(s.currentSet().name, T.defaultSetName);
  assert.equal(s.set("trin-7-aarshjul", "januar", "x"), false);
  assert.equal(s.get("trin-7-aarshjul", "januar"), "x");
});

test("a set may carry the organisation's name for the printouts; old lists and bad values read fine", () => {
  const ls = new FakeStorage();
  ls.setItem("ppp:v2:/|sets", JSON.stringify([{ id: "a", name: "Mine svar", created: "x" }, { id: "b", name: "B", created: "y", organisation: 7 }]));
  const s = createStore(ls, { root: "/", now: NOW });
  assert.deepEqual(s.sets().map((x) => x.organisation), [undefined, undefined], "a list without the field, a non-string value");
  assert.equal(s.setOrganisation("a", "  Familieven og Trævarebutikken  "), true);
  assert.equal(s.currentSet().organisation, "Familieven og Trævarebutikken");
  assert.equal(s.currentSet().name, "Mine svar", "the set's own name is untouched");
  assert.equal(s.setOrganisation("a", "x".repeat(300)), true);
  assert.equal(s.currentSet().organisation.length, 200);
  assert.equal(s.setOrganisation("a", "   "), true);
  assert.equal("organisation" in s.currentSet(), false, "empty removes it");
  assert.equal(s.setOrganisation("nope", "x"), false);
});
