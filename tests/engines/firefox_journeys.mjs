/* The answer journeys in Firefox (issue 26): Debian's firefox-esr driven by puppeteer-core over
 * WebDriver BiDi (no browser download). Run by tests/engines/test_firefox.py, one journey per run:
 *
 *   node firefox_journeys.mjs JOURNEY SITE_URL FIREFOX OUT_DIR
 *
 * JOURNEY is a key of JOURNEYS below. Each starts from an empty storage in a fresh browser, writes
 * the files the page offered (and the printout) into OUT_DIR for the Python test to open, prints
 * what the Python test checks further as one JSON line on stdout, and exits non-zero with the
 * failing step on stderr. Files the site offers are taken from the blob its download link points
 * at (the HOOK), as the WebKit journeys do (tests/engines/test_webkit.py).
 */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import puppeteer from "puppeteer-core";

const [journey, site, executablePath = "/usr/bin/firefox-esr", out = "."] = process.argv.slice(2);
const SHEET = "trin-3-foer-moedet"; // a checklist with notes and numbered items (present, PDF)
const NOTE = "research-af-moedeltagerne--note";
const ITEM = "research-af-moedeltagerne";
const PRESENT = "trin-3-under-moedet";
const FORMAT = "parat-til-private-partnerskaber/svar";
const ORGANISATION = "Familieven og Trævarebutikken";

// Records every file the page offers (ark/download.js clicks an <a download href="blob:…">) as
// base64, and every uncaught error, from the moment it runs on a page.
const HOOK = () => {
  if (window.__hooked) return;
  window.__hooked = true;
  window.__files = [];
  window.__errors = [];
  addEventListener("error", (e) => window.__errors.push(String(e.message)));
  addEventListener("unhandledrejection", (e) => window.__errors.push(String(e.reason)));
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (!this.download || !this.href.startsWith("blob:")) return click.call(this);
    const name = this.download;
    fetch(this.href).then((r) => r.arrayBuffer()).then((buf) => {
      let s = "";
      const b = new Uint8Array(buf);
      for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode.apply(null, b.subarray(i, i + 0x8000));
      window.__files.push({ name, data: btoa(s) });
    });
  };
};

const sheetSel = (ws) => `.ark[data-ark="${ws}"]`;
const fieldSel = (ws, key) => `${sheetSel(ws)} [data-key="${key}"]`;

function journeys(page, errors) {
  const url = (path) => new URL(path, site).href;

  /** Open `path` (default: the sheet's own page), scroll the sheet into view and wait until bound. */
  const openSheet = async (ws, path) => {
    await page.goto(url(path || `arbejdsark/${ws}/`));
    await bound(ws);
  };
  const bound = async (ws) => {
    await page.waitForSelector(sheetSel(ws));
    // A sheet binds when it shows (ark/main.js); its tools out from under Material's sticky header.
    await page.$eval(sheetSel(ws), (el) => el.scrollIntoView({ block: "center" }));
    await page.waitForSelector(`${sheetSel(ws)}[data-bound="1"]`);
    await page.evaluate(HOOK);
  };
  const openOverview = async () => {
    await page.goto(url("arbejdsark/"));
    await page.waitForSelector("[data-ark-oversigt][data-ready='1']");
    await page.evaluate(HOOK);
  };
  const value = (ws, key) => page.$eval(fieldSel(ws, key), (el) => el.value);
  const checked = (ws, key) => page.$eval(fieldSel(ws, key), (el) => el.checked);

  /** Click the control of `action` in `scope`, opening the "Flere handlinger" menu first when it is in there. */
  const tool = async (scope, action) => {
    const sel = `${scope} [data-action="${action}"]`;
    const hidden = await page.$eval(sel, (el) => !el.checkVisibility());
    if (hidden) {
      await page.click(`${scope} [data-ark-menu]`);
      await page.waitForSelector(sel, { visible: true });
    }
    await page.click(sel);
  };
  const status = (scope, text) =>
    page.waitForFunction((s, t) => document.querySelector(`${s} .ark-status`).textContent.includes(t), {}, scope, text);
  /** Press a button of the open import dialog ("new", "merge", "cancel"). */
  const choose = async (choice) => {
    const sel = `dialog.ark-dialog[open] button[data-choice="${choice}"]`;
    await page.waitForSelector(sel, { visible: true });
    await page.click(sel);
  };
  /** The `count`th file the page offered since it loaded, written into OUT_DIR: { name, bytes }. */
  const downloaded = async (count = 1) => {
    await page.waitForFunction((n) => window.__files.length >= n, {}, count);
    const file = await page.evaluate((n) => window.__files[n - 1], count);
    const bytes = Buffer.from(file.data, "base64");
    writeFileSync(join(out, file.name), bytes);
    return { name: file.name, bytes };
  };
  /** Call the answer store of the page (ark/site.js getStore()): `expr` over `s` and the arguments `a`. */
  const store = (expr, ...args) =>
    page.evaluate(
      async (expr, args) => {
        const base = new URL(document.querySelector("[data-ark-contract]").dataset.arkContract, location.href);
        const s = (await import(new URL("../javascripts/ark/site.js", base).href)).getStore();
        return new Function("s", "a", `return (${expr});`)(s, args);
      },
      expr,
      args,
    );
  let n = 0;
  const importFile = async (scope, data) => {
    const path = join(out, `svar-${(n += 1)}.json`);
    writeFileSync(path, JSON.stringify(data));
    const input = await page.$(`${scope} input[data-action="import"]`);
    await input.uploadFile(path);
  };
  const noErrors = async () => {
    assert.deepEqual(await page.evaluate(() => window.__errors), [], "uncaught errors in the page");
    assert.deepEqual(errors, [], "JavaScript errors");
  };

  return {
    /** Type and reload; "Mit partnerskab" shows the sheet as started, the storage answer, the export reminder. */
    async "type-reload"() {
      await openSheet(SHEET);
      await page.type(fieldSel(SHEET, NOTE), "Skrevet i Firefox – æøå");
      await page.click(fieldSel(SHEET, ITEM));
      await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.endsWith("|research-af-moedeltagerne")));
      await page.waitForFunction(
        () => Object.entries(localStorage).some(([k, v]) => k.endsWith("--note") && v === "Skrevet i Firefox – æøå"),
      );
      assert.equal((await store("s.entries(a[0])", SHEET))[ITEM], "1");
      await page.reload();
      await bound(SHEET);
      assert.equal(await value(SHEET, NOTE), "Skrevet i Firefox – æøå", "kept across a reload");
      assert.equal(await checked(SHEET, ITEM), true, "the tick kept across a reload");
      await openOverview();
      const progress = await page.$eval(`[data-ark-progress="${SHEET}"] .ark-progress`, (el) => el.textContent.trim());
      assert.ok(progress !== "" && progress !== "(ikke påbegyndt)", progress);
      // What Firefox answers to "keep the answers for good" (ark/overview.js showPersistence): it asks
      // the visitor in a panel and answers only when they choose, so the line says it may be asking.
      await page.waitForFunction(() => document.querySelector("[data-ark-persist]").textContent.trim() !== "");
      await new Promise((ok) => setTimeout(ok, 1000)); // an answer would have come by now
      const persist = await page.$eval("[data-ark-persist]", (el) => el.textContent);
      const storageManager = await page.evaluate(() => typeof navigator.storage?.persist);
      assert.equal(await page.$("[data-ark-reminder]"), null, "no reminder right after typing");
      // The export reminder (core/reminder.js) after changes left unexported for 15 days.
      await page.evaluate(() => {
        const k = Object.keys(localStorage).find((k) => k.endsWith("|sets"));
        const list = JSON.parse(localStorage.getItem(k));
        list[0].unexportedSince = new Date(Date.now() - 15 * 864e5).toISOString();
        localStorage.setItem(k, JSON.stringify(list));
      });
      await openOverview();
      const reminder = await page.$eval("[data-ark-reminder]", (el) => el.textContent);
      assert.match(reminder, /i over 14 dage/);
      await noErrors();
      return { persist, storageManager };
    },

    /** Answer sets: export, import a file as a new set, merge a partner's file ("Behold begge"), switch back. */
    async sets() {
      const scope = sheetSel(SHEET);
      await openSheet(SHEET);
      await page.type(fieldSel(SHEET, NOTE), "Mit svar");
      await page.waitForFunction(() => Object.values(localStorage).includes("Mit svar"));
      await tool(scope, "export");
      const { name, bytes } = await downloaded();
      const exported = JSON.parse(bytes.toString("utf8"));
      assert.match(name, /\.json$/);
      assert.equal(exported.format, FORMAT);
      assert.equal(exported.worksheets[SHEET][NOTE], "Mit svar");
      // Import as a new set: the sheet now writes in it and shows the file's answers.
      exported.worksheets[SHEET][NOTE] = "Fra filen";
      await importFile(scope, exported);
      await choose("new");
      await status(scope, "svarsæt");
      assert.equal(await value(SHEET, NOTE), "Fra filen");
      assert.equal((await store("s.sets()")).length, 2);
      // Merge a partner's file into it: a difference is shown and decided ("Behold begge").
      const theirs = { format: FORMAT, version: 2, name: "Partneren", worksheets: { [SHEET]: { [NOTE]: "Partnerens", [ITEM]: "1" } } };
      await importFile(scope, theirs);
      await choose("merge");
      await page.waitForSelector('dialog.ark-dialog[open] input[value="both"]', { visible: true });
      await page.click('dialog.ark-dialog[open] input[value="both"]');
      await choose("merge");
      await status(scope, "flettet");
      assert.equal(await value(SHEET, NOTE), "”Mine svar (importeret)” skrev:\nFra filen\n\n”Partneren” skrev:\nPartnerens");
      assert.equal(await checked(SHEET, ITEM), true);
      // "Mit partnerskab": both sets listed, switching back shows the first set's answer.
      await openOverview();
      const sets = await page.$$eval("[data-ark-sets] li[data-set]", (lis) =>
        lis.map((li) => ({ id: li.dataset.set, current: li.classList.contains("is-current") })),
      );
      assert.equal(sets.length, 2);
      const other = sets.find((s) => !s.current);
      await page.click(`[data-ark-sets] li[data-set="${other.id}"] button[data-action="switch-set"]`);
      await page.waitForSelector(`[data-ark-sets] li[data-set="${other.id}"].is-current`);
      await openSheet(SHEET);
      assert.equal(await value(SHEET, NOTE), "Mit svar");
      await noErrors();
      return { files: [name] };
    },

    /** Share by link with a code; an empty storage opens it as a new set. */
    async share() {
      await openSheet(SHEET);
      await page.type(fieldSel(SHEET, NOTE), "Delt fra Firefox");
      await page.waitForFunction(() => Object.values(localStorage).includes("Delt fra Firefox"));
      await tool(sheetSel(SHEET), "share");
      await page.waitForSelector("dialog.ark-del[open] [data-share-link]");
      const link = await page.$eval("[data-share-link]", (el) => el.value);
      const code = await page.$eval("[data-share-code]", (el) => el.textContent.trim());
      assert.ok(link.includes("#del=v1.") && code, link);
      await noErrors();
      // The receiver: an empty storage, the link, the code, a new set.
      await page.evaluate(() => localStorage.clear());
      await page.goto("about:blank");
      await page.goto(link);
      await page.waitForSelector("dialog[data-ark-share-ask][open] input");
      await page.type("dialog[data-ark-share-ask][open] input", code);
      await page.keyboard.press("Enter");
      await choose("new");
      await page.waitForFunction(() => location.hash === "" && !document.querySelector("dialog[open]"));
      assert.equal(await value(SHEET, NOTE), "Delt fra Firefox", "opened from the link");
      assert.deepEqual(errors, [], "JavaScript errors");
      return {};
    },

    /** The filled PDF and the Word copy, written into OUT_DIR (the Python test reads them). */
    async copies() {
      const scope = sheetSel(SHEET);
      await openSheet(SHEET);
      await page.type(fieldSel(SHEET, NOTE), "Svar i kopien");
      await page.click(fieldSel(SHEET, ITEM));
      await page.waitForFunction(() => Object.values(localStorage).includes("Svar i kopien"));
      await tool(scope, "pdf-filled");
      const pdf = await downloaded(1);
      await tool(scope, "docx");
      const word = await downloaded(2);
      await noErrors();
      return { pdf: pdf.name, docx: word.name };
    },

    /** "Vis som præsentation": one item per view, End to the last, the item's QR code, Escape closes. */
    async present() {
      const scope = sheetSel(PRESENT);
      await openSheet(PRESENT);
      await tool(scope, "present");
      await page.waitForSelector(".ark-vis .ark-vis-taeller");
      const counter = await page.$eval(".ark-vis-taeller", (el) => el.textContent);
      const total = Number(counter.split(" af ")[1]);
      assert.ok(counter === `1 af ${total}` && total > 1, counter);
      await page.keyboard.press("End");
      await page.waitForFunction((t) => document.querySelector(".ark-vis-taeller").textContent === t, {}, `${total} af ${total}`);
      assert.ok(await page.$(".ark-vis svg"), "the QR code of the item");
      await page.keyboard.press("Escape");
      await page.waitForFunction(() => !document.querySelector(".ark-vis"));
      await noErrors();
      return { total };
    },

    /** "Udskriv med svar" on a step page: the sheet chosen, the header filled, printed with print
     * media (page.pdf, BiDi browsingContext.print) into OUT_DIR/udskrift.pdf, the classes removed after. */
    async print() {
      const scope = sheetSel(SHEET);
      // The organisation the current set carries (asked for on "Mit partnerskab") heads the printout.
      await openOverview();
      await page.type("[data-ark-organisation]", ORGANISATION);
      await page.keyboard.press("Tab");
      await status("[data-ark-oversigt]", "Navnet til udskrifterne er gemt");
      await openSheet(SHEET, "trin-3/");
      await page.type(fieldSel(SHEET, NOTE), "Til print");
      await page.waitForFunction(() => Object.values(localStorage).includes("Til print"));
      await page.evaluate(() => {
        window.__printed = 0;
        window.print = () => {
          window.__printed += 1;
        };
      });
      await page.click(`${scope} [data-action="print-filled"]`);
      await page.waitForFunction(() => window.__printed === 1);
      const state = await page.$eval(scope, (s) => {
        const b = document.body.classList;
        return [
          b.contains("print-one"),
          b.contains("print-filled"),
          s.classList.contains("print-target"),
          s.querySelector("[data-ark-header=organisation]")?.textContent,
          s.querySelector("[data-ark-header=date]")?.textContent,
        ];
      });
      assert.deepEqual(state.slice(0, 3), [true, true, true], JSON.stringify(state));
      assert.equal(state[3], ORGANISATION);
      assert.ok(state[4], "the date in the header");
      const pdf = await page.pdf({ format: "A4", printBackground: true });
      writeFileSync(join(out, "udskrift.pdf"), pdf);
      await page.evaluate(() => dispatchEvent(new Event("afterprint")));
      assert.equal(await page.evaluate(() => document.body.classList.contains("print-one")), false);
      await noErrors();
      return { date: state[4] };
    },
  };
}

const browser = await puppeteer.launch({ browser: "firefox", executablePath, protocol: "webDriverBiDi", headless: true });
try {
  mkdirSync(out, { recursive: true });
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.setDefaultTimeout(15000);
  await page.setViewport({ width: 1366, height: 900 });
  const run = journeys(page, errors)[journey];
  if (!run) throw new Error(`no journey ${journey}: one of ${Object.keys(journeys(page, errors)).join(", ")}`);
  const result = await run();
  console.log(JSON.stringify({ journey, version: await browser.version(), ...result }));
} finally {
  await browser.close();
}
