/* The answer journeys that run in Firefox (issue 26): Debian's firefox-esr driven by puppeteer-core
 * over WebDriver BiDi (no browser download). Run by tests/engines/test_firefox.py with the served
 * site's address; exits non-zero with the failing step on stderr. Each journey starts from an empty
 * storage. Files the site offers are taken from the blob its download link points at.
 */
import assert from "node:assert/strict";
import puppeteer from "puppeteer-core";

const [site, executablePath = "/usr/bin/firefox-esr"] = process.argv.slice(2);
const SHEET = "trin-3-foer-moedet";
const NOTE = "research-af-moedeltagerne--note";
const field = `.ark[data-ark="${SHEET}"] [data-key="${NOTE}"]`;

// Records the files the page offers (ark/download.js clicks an <a download href="blob:…">) as text.
const HOOK = () => {
  window.__files = [];
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (!this.download || !this.href.startsWith("blob:")) return click.call(this);
    const name = this.download;
    fetch(this.href).then((r) => r.text()).then((text) => window.__files.push({ name, text }));
  };
};

const browser = await puppeteer.launch({ browser: "firefox", executablePath, protocol: "webDriverBiDi", headless: true });
const errors = [];
try {
  const page = await browser.newPage();
  page.on("pageerror", (e) => errors.push(String(e)));
  page.setDefaultTimeout(15000);
  const openSheet = async () => {
    await page.goto(new URL(`arbejdsark/${SHEET}/`, site).href);
    await page.waitForSelector(`.ark[data-ark="${SHEET}"][data-bound="1"]`);
    await page.evaluate(HOOK);
  };

  // Type and reload.
  await openSheet();
  await page.evaluate(() => localStorage.clear());
  await openSheet();
  await page.type(field, "Skrevet i Firefox – æøå");
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.includes("|a|") && localStorage.getItem(k).includes("Firefox")));
  await openSheet();
  assert.equal(await page.$eval(field, (el) => el.value), "Skrevet i Firefox – æøå", "kept across a reload");

  // Export the sheet: the file holds the answer.
  await page.evaluate((ws) => document.querySelector(`.ark[data-ark="${ws}"] [data-action="export"]`).click(), SHEET);
  await page.waitForFunction(() => window.__files.length === 1);
  const file = await page.evaluate(() => window.__files[0]);
  assert.match(file.name, /\.json$/);
  assert.equal(JSON.parse(file.text).worksheets[SHEET][NOTE], "Skrevet i Firefox – æøå");

  // Share by link with a code; an empty storage opens it as a new set.
  await page.evaluate((ws) => document.querySelector(`.ark[data-ark="${ws}"] [data-action="share"]`).click(), SHEET);
  await page.waitForSelector("dialog.ark-del[open] [data-share-link]");
  const link = await page.$eval("[data-share-link]", (el) => el.value);
  const code = await page.$eval("[data-share-code]", (el) => el.textContent.trim());
  await page.evaluate(() => localStorage.clear());
  await page.goto("about:blank");
  await page.goto(link);
  await page.waitForSelector("dialog[data-ark-share-ask][open] input");
  await page.type("dialog[data-ark-share-ask][open] input", code);
  await page.keyboard.press("Enter");
  await page.waitForSelector('dialog.ark-dialog[open] button[data-choice="new"]');
  await page.click('dialog.ark-dialog[open] button[data-choice="new"]');
  await page.waitForFunction(() => location.hash === "" && !document.querySelector("dialog[open]"));
  assert.equal(await page.$eval(field, (el) => el.value), "Skrevet i Firefox – æøå", "opened from the link");
  assert.deepEqual(errors, [], "JavaScript errors");
  console.log("firefox journeys passed:", await browser.version());
} finally {
  await browser.close();
}
