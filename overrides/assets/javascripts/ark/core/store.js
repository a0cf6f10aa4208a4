/**
 * Answer storage: named answer sets ("svarsæt") in localStorage, namespaced by site path.
 *
 * Key scheme (version 2). Every key starts with `ppp:v2:<root>|`, where root is the site's path
 * ("/", "/parat/"), so two sites on one origin ("/parat/" and "/parat-test/") never see each
 * other's data ("|" ends the root, so neither prefix is a prefix of the other):
 *   ppp:v2:<root>|sets                         JSON [{id, name, created, organisation?, exported?,
 *                                              unexportedSince?}] in display order (the last two:
 *                                              markExported)
 *   ppp:v2:<root>|current                      the id of the set being worked on
 *   ppp:v2:<root>|a|<setId>|<sheetId>|<key>    one answer (a non-empty string)
 * Set ids, sheet ids and keys never contain "|". One entry per answer (not one JSON blob), so a
 * `storage` event in another tab names exactly the field that changed (see parseKey).
 *
 * Version 1 (arbejdsark.js) stored `v1:<sheetId>:<key>` with no site path and no sets. The first
 * time a root is used (its `sets` entry does not exist) every v1 answer is copied into the default
 * set T.defaultSetName ("Mine svar"; the old `_rows` counter dropped, rows renumbered when a contract is
 * given). v1 keys are left in place, for an older tab still open; the `sets` entry records that
 * the migration ran.
 *
 * When the browser refuses a write (quota), the value is kept in an in-memory overlay that wins
 * over storage for reads and exports, so nothing typed is lost while the page is open; unsaved()
 * counts those values. With storage null (blocked), everything lives in memory.
 */
import { T } from "./strings.js";
import { VERSION, compactRows, sheetSpec } from "./contract.js";
import { KEY_SPACE, V1_SPACE } from "./keys.js";

const V1 = new RegExp("^" + V1_SPACE + "([^:]+):(.+)$");
const OLD_ROW_COUNTER = "_rows";
const DEFAULT_ID = "standard"; // fixed, so an interrupted migration that runs again overwrites itself

/** A Storage-like object in memory, used when the browser blocks localStorage. */
class MemoryStorage {
  constructor() { this.map = new Map(); }
  get length() { return this.map.size; }
  key(i) { return [...this.map.keys()][i] ?? null; }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) { this.map.set(k, String(v)); }
  removeItem(k) { this.map.delete(k); }
}

function checkPart(what, s) {
  if (typeof s !== "string" || s === "" || s.includes("|")) throw new TypeError(what + " must be a non-empty string without \"|\": " + String(s));
}

/** The longest answer-set name, in UTF-16 code units: longer names are cut (the page says so). */
export const NAME_MAX = 200;

/**
 * `name`, or with " 2", " 3" … appended (the name cut to make room) when another set has it.
 * @param {Array<{id: string, name: string}>} sets
 * @param {string} name already cleaned
 * @param {string} [exceptId] the set being renamed (its own name is no clash)
 */
function uniqueName(sets, name, exceptId) {
  const taken = new Set(sets.filter((s) => s.id !== exceptId).map((s) => s.name));
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = name.slice(0, NAME_MAX - String(n).length - 1).trimEnd() + " " + n;
  return candidate;
}

let counter = 0;
function newId() {
  const rnd = Math.floor(Math.random() * 36 ** 6).toString(36);
  return "s" + Date.now().toString(36) + rnd + (counter++).toString(36);
}

/**
 * Create the answer store of one site.
 * @param {Storage|null} storage window.localStorage, a Storage-like object (getItem, setItem,
 *   removeItem, key, length), or null when the browser blocks storage (then: memory only)
 * @param {{root?: string, contract?: import("./contract.js").Contract|null, now?: () => Date, newId?: () => string}} [options]
 *   root: the site path ("/" or "/parat/"; "|" is escaped); contract: the parsed contract, used
 *   to renumber migrated v1 rows; now/newId: for tests
 * @returns {object} the store; see the methods below. Methods taking a sheet, key or set id throw
 *   TypeError when one contains "|" or is empty.
 */
export function createStore(storage, { root = "/", contract = null, now = () => new Date(), newId: makeId = newId } = {}) {
  const persistent = !!storage;
  const st = storage || new MemoryStorage();
  const prefix = `${KEY_SPACE}v${VERSION}:` + String(root).replace(/\|/g, "%7C") + "|";
  const SETS = prefix + "sets";
  const CURRENT = prefix + "current";
  const answerPrefix = (setId, sheet) => prefix + "a|" + setId + "|" + (sheet === undefined ? "" : sheet + "|");
  /** @type {Map<string,string>} storage key → value the browser refused to keep */
  const overlay = new Map();

  // --- raw access: reads never throw; writes report success
  const read = (k) => {
    if (overlay.has(k)) return overlay.get(k);
    try { return st.getItem(k); } catch { return null; }
  };
  const write = (k, v) => {
    try {
      st.setItem(k, v);
      overlay.delete(k);
      return true;
    } catch {
      overlay.set(k, v);
      return false;
    }
  };
  const remove = (k) => {
    overlay.delete(k);
    try { st.removeItem(k); } catch { /* nothing stored then */ }
  };
  const storedKeys = (start) => {
    const keys = [];
    try {
      for (let i = 0; i < st.length; i++) {
        const k = st.key(i);
        if (k !== null && k.startsWith(start)) keys.push(k);
      }
    } catch { /* blocked while running: only the overlay is left */ }
    for (const k of overlay.keys()) if (k.startsWith(start) && !keys.includes(k)) keys.push(k);
    return keys;
  };

  // --- sets
  const readSets = () => {
    const raw = read(SETS);
    if (raw === null) return null;
    try {
      const list = JSON.parse(raw);
      return Array.isArray(list)
        ? list.filter((s) => s && typeof s.id === "string" && typeof s.name === "string").map(withOrganisation)
        : [];
    } catch {
      return [];
    }
  };
  const writeSets = (list) => write(SETS, JSON.stringify(list));
  // An optional organisation name (setOrganisation) is a string or absent, whatever storage held.
  const withOrganisation = (s) => {
    if (s.organisation !== undefined && typeof s.organisation !== "string") delete s.organisation;
    return s;
  };
  const makeSet = (name, id = makeId()) => ({ id, name: cleanName(name), created: now().toISOString() });
  const cleanName = (name) => String(name ?? "").trim().slice(0, NAME_MAX).trimEnd() || T.defaultSetName;
  // A write that either reaches storage or changes nothing (not even the in-memory overlay).
  const writeOrNothing = (k, v) => {
    const had = overlay.has(k);
    const old = overlay.get(k);
    if (write(k, v)) return true;
    if (had) overlay.set(k, /** @type {string} */ (old)); else overlay.delete(k);
    return false;
  };

  const migrateV1 = (setId) => {
    if (!persistent) return;
    const bySheet = {};
    let keys = [];
    try { for (let i = 0; i < st.length; i++) keys.push(st.key(i)); } catch { keys = []; }
    for (const k of keys) {
      const m = k && V1.exec(k);
      if (!m || m[2] === OLD_ROW_COUNTER) continue;
      const v = read(k);
      if (typeof v === "string" && v !== "") (bySheet[m[1]] ||= {})[m[2]] = v;
    }
    for (const [sheet, answers] of Object.entries(bySheet)) {
      if (sheet.includes("|")) continue;
      const spec = contract ? sheetSpec(contract, sheet) : null;
      const fixed = spec ? compactRows(spec, answers) : answers;
      for (const [key, value] of Object.entries(fixed)) if (!key.includes("|")) write(answerPrefix(setId, sheet) + key, value);
    }
  };

  /** The sets list, creating the default set (and migrating v1) the first time. */
  const ensureSets = () => {
    let list = readSets();
    if (list === null) {
      const first = makeSet(T.defaultSetName, DEFAULT_ID);
      migrateV1(first.id);
      list = [first];
      writeSets(list);
      write(CURRENT, first.id);
    } else if (!list.length) {
      list = [makeSet(T.defaultSetName)];
      writeSets(list);
    }
    return list;
  };

  // The export reminder (core/reminder.js): a set's first change after its last export is recorded
  // once as unexportedSince (not on every keystroke: each write of the list is a storage event in
  // other tabs); markExported records the export and clears it.
  const noteChange = (setId) => {
    const list = readSets();
    const set = list && list.find((s) => s.id === setId);
    if (set && !set.unexportedSince) { set.unexportedSince = now().toISOString(); writeSets(list); }
  };

  const clearAnswers = (setId, sheet) => { for (const k of storedKeys(answerPrefix(setId, sheet))) remove(k); };

  const store = {
    /** The site path this store is namespaced by. */
    root,
    /** false when storage is blocked and everything lives in memory. */
    persistent,

    /**
     * All answer sets.
     * @returns {Array<{id: string, name: string, created: string}>} a copy, in display order
     */
    sets() {
      return ensureSets().map((s) => ({ ...s }));
    },

    /**
     * The set being worked on; the default set (T.defaultSetName) is created on first use.
     * @returns {{id: string, name: string, created: string}}
     */
    currentSet() {
      const list = ensureSets();
      const id = read(CURRENT);
      const found = list.find((s) => s.id === id);
      if (found) return { ...found };
      write(CURRENT, list[0].id);
      return { ...list[0] };
    },

    /**
     * Add a new, empty answer set (it does not become current; see switchSet). Its name is
     * trimmed, cut to NAME_MAX, and made unique (" 2", " 3" … appended): compare the returned
     * name with the one asked for to tell the person.
     * @param {string} name empty → T.defaultSetName
     * @returns {{id: string, name: string, created: string} | null} null when the browser
     *   refused to store the set list (storage full): then no set is made, not even in memory
     */
    createSet(name) {
      const list = ensureSets();
      const set = makeSet(name);
      set.name = uniqueName(list, set.name);
      if (!writeOrNothing(SETS, JSON.stringify([...list, set]))) return null;
      return { ...set };
    },

    /**
     * @param {string} id
     * @param {string} name trimmed, cut and made unique as in createSet (read it from sets())
     * @returns {boolean} false for an unknown id
     */
    renameSet(id, name) {
      const list = ensureSets();
      const set = list.find((s) => s.id === id);
      if (!set) return false;
      set.name = uniqueName(list, cleanName(name), id);
      writeSets(list);
      return true;
    },

    /**
     * The organisation or partnership's name printed on the set's sheets ("Organisation /
     * partnerskab"); optional, unlike the set's own name, which only tells sets apart.
     * @param {string} id
     * @param {string} text trimmed, at most 200 characters; empty removes it
     * @returns {boolean} false for an unknown id
     */
    setOrganisation(id, text) {
      const list = ensureSets();
      const set = list.find((s) => s.id === id);
      if (!set) return false;
      const clean = String(text ?? "").trim().slice(0, 200);
      if (clean) set.organisation = clean;
      else delete set.organisation;
      writeSets(list);
      return true;
    },

    /**
     * Delete a set and all its answers. If it was current, the first remaining set becomes
     * current; if none is left, a new default set is created.
     * @param {string} id
     * @returns {{id: string, name: string, created: string}} the current set afterwards
     */
    deleteSet(id) {
      const list = ensureSets();
      const wasCurrent = store.currentSet().id === id;
      const rest = list.filter((s) => s.id !== id);
      if (rest.length === list.length) return store.currentSet();
      if (typeof id === "string" && id !== "" && !id.includes("|")) clearAnswers(id);
      if (!rest.length) rest.push(makeSet(T.defaultSetName));
      writeSets(rest);
      if (wasCurrent) write(CURRENT, rest[0].id);
      return store.currentSet();
    },

    /**
     * @param {string} id
     * @returns {boolean} false for an unknown id (nothing changes)
     */
    switchSet(id) {
      if (!ensureSets().some((s) => s.id === id)) return false;
      write(CURRENT, id);
      return true;
    },

    /**
     * Record that a set was exported to a file now (the export reminder, core/reminder.js).
     * @param {string} id
     * @returns {boolean} false for an unknown id
     */
    markExported(id) {
      const list = ensureSets();
      const set = list.find((s) => s.id === id);
      if (!set) return false;
      set.exported = now().toISOString();
      delete set.unexportedSince;
      writeSets(list);
      return true;
    },

    /**
     * One answer.
     * @param {string} sheet
     * @param {string} key
     * @param {string} [setId] default: the current set
     * @returns {string} "" when there is none
     */
    get(sheet, key, setId) {
      const sid = setId ?? store.currentSet().id;
      checkPart("sheet", sheet); checkPart("key", key); checkPart("setId", sid);
      return read(answerPrefix(sid, sheet) + key) ?? "";
    },

    /**
     * Store one answer; "" (or null) removes it.
     * @param {string} sheet
     * @param {string} key
     * @param {string|null} value
     * @param {string} [setId] default: the current set
     * @returns {boolean} true when persisted; false when the browser refused (the value is then
     *   kept in memory, wins over storage, and counts in unsaved())
     */
    set(sheet, key, value, setId) {
      const sid = setId ?? store.currentSet().id;
      checkPart("sheet", sheet); checkPart("key", key); checkPart("setId", sid);
      const k = answerPrefix(sid, sheet) + key;
      noteChange(sid);
      if (value === "" || value === null || value === undefined) { remove(k); return true; }
      return write(k, String(value));
    },

    /**
     * How many values (answers or the sets list) are only in memory because storage refused them.
     * @returns {number}
     */
    unsaved() {
      return overlay.size;
    },

    /**
     * Try again to store the values kept in memory (after the person freed space).
     * @returns {number} how many are still unsaved
     */
    flush() {
      for (const [k, v] of [...overlay]) write(k, v);
      return overlay.size;
    },

    /**
     * One sheet's answers, memory overlay over storage.
     * @param {string} sheet
     * @param {string} [setId] default: the current set
     * @returns {Object<string,string>} {key: value}
     */
    entries(sheet, setId) {
      const sid = setId ?? store.currentSet().id;
      checkPart("sheet", sheet); checkPart("setId", sid);
      const start = answerPrefix(sid, sheet);
      const out = {};
      for (const k of storedKeys(start)) {
        const v = read(k);
        if (typeof v === "string" && v !== "") out[k.slice(start.length)] = v;
      }
      return out;
    },

    /**
     * Every sheet's answers of a set.
     * @param {string} [setId] default: the current set
     * @returns {Object<string, Object<string,string>>} {sheetId: {key: value}}, only sheets with answers
     */
    allEntries(setId) {
      const sid = setId ?? store.currentSet().id;
      checkPart("setId", sid);
      const start = answerPrefix(sid);
      const out = {};
      for (const k of storedKeys(start)) {
        const rest = k.slice(start.length);
        const bar = rest.indexOf("|");
        const v = read(k);
        if (bar < 1 || typeof v !== "string" || v === "") continue;
        (out[rest.slice(0, bar)] ||= {})[rest.slice(bar + 1)] = v;
      }
      return out;
    },

    /**
     * Replace whole sheets of a set (import, merge): each sheet named in `worksheets` ends up
     * holding exactly the given answers; other sheets are untouched. All or nothing: if the
     * browser refuses any write, the previous state is restored.
     * @param {string} setId
     * @param {Object<string, Object<string,string>>} worksheets
     * @returns {boolean} true when everything was stored; false when nothing changed (the
     *   browser refused a write, or setId is no set)
     */
    replaceSheets(setId, worksheets) {
      checkPart("setId", setId);
      if (!ensureSets().some((s) => s.id === setId)) return false;
      const sheets = Object.keys(worksheets);
      sheets.forEach((s) => { checkPart("sheet", s); Object.keys(worksheets[s] || {}).forEach((k) => checkPart("key", k)); });
      const before = snapshot(setId, sheets);
      let ok = true;
      for (const sheet of sheets) {
        clearAnswers(setId, sheet);
        for (const [key, value] of Object.entries(worksheets[sheet] || {})) {
          if (typeof value === "string" && value !== "") ok = write(answerPrefix(setId, sheet) + key, value) && ok;
          if (!ok) break;
        }
        if (!ok) break;
      }
      if (!ok) putBack(before);
      else noteChange(setId);
      return ok;
    },

    /**
     * Delete the answers of some sheets of a set, returning what is needed to undo it.
     * @param {string} setId
     * @param {string[]} sheetIds
     * @returns {{setId: string, sheets: Object<string, {stored: object, unsaved: object}>}} an
     *   opaque snapshot for restore()
     */
    clearSheets(setId, sheetIds) {
      checkPart("setId", setId);
      sheetIds.forEach((s) => checkPart("sheet", s));
      const snap = snapshot(setId, sheetIds);
      sheetIds.forEach((s) => clearAnswers(setId, s));
      return snap;
    },

    /**
     * What restore() needs to put some sheets of a set back as they are now (undo of a merge).
     * @param {string} setId
     * @param {string[]} sheetIds
     * @returns {object} an opaque snapshot, as clearSheets returns
     */
    snapshotSheets(setId, sheetIds) {
      checkPart("setId", setId);
      sheetIds.forEach((s) => checkPart("sheet", s));
      return snapshot(setId, sheetIds);
    },

    /**
     * Put sheets back as they were when the snapshot was taken (undo of clearSheets or a merge).
     * @param {{setId: string, sheets: Object<string, {stored: object, unsaved: object}>}} snap from clearSheets
     * @returns {boolean} false when the set no longer exists or a value could only be kept in memory
     */
    restore(snap) {
      if (!ensureSets().some((s) => s.id === snap.setId)) return false;
      return putBack(snap);
    },

    /**
     * What a storage key (e.g. of a `storage` event from another tab) means for this root.
     * @param {string|null} storageKey
     * @returns {{kind: "answer", setId: string, sheet: string, key: string} | {kind: "sets"} |
     *   {kind: "current"} | null} null for other roots, v1 keys and unrelated keys
     */
    parseKey(storageKey) {
      if (typeof storageKey !== "string" || !storageKey.startsWith(prefix)) return null;
      const rest = storageKey.slice(prefix.length);
      if (rest === "sets") return { kind: "sets" };
      if (rest === "current") return { kind: "current" };
      const m = /^a\|([^|]+)\|([^|]+)\|([^|]+)$/.exec(rest);
      return m ? { kind: "answer", setId: m[1], sheet: m[2], key: m[3] } : null;
    },
  };

  // Write a snapshot back: stored values to storage, memory-only values to the overlay.
  function putBack(snap) {
    let ok = true;
    for (const [sheet, { stored, unsaved }] of Object.entries(snap.sheets)) {
      clearAnswers(snap.setId, sheet);
      for (const [k, v] of Object.entries(stored)) ok = write(answerPrefix(snap.setId, sheet) + k, v) && ok;
      for (const [k, v] of Object.entries(unsaved)) { overlay.set(answerPrefix(snap.setId, sheet) + k, v); ok = false; }
    }
    return ok;
  }

  // Stored and memory-only values of some sheets, kept apart so restore() can put each back.
  function snapshot(setId, sheetIds) {
    const sheets = {};
    for (const sheet of sheetIds) {
      const start = answerPrefix(setId, sheet);
      const stored = {};
      const unsaved = {};
      for (const k of storedKeys(start)) {
        const key = k.slice(start.length);
        if (overlay.has(k)) unsaved[key] = overlay.get(k);
        else {
          let v;
          try { v = st.getItem(k); } catch { v = null; }
          if (typeof v === "string" && v !== "") stored[key] = v;
        }
      }
      sheets[sheet] = { stored, unsaved };
    }
    return { setId, sheets };
  }

  return store;
}
