/**
 * The theme's stylesheets cut down to the rules the built site can use (PurgeCSS, pinned in
 * package.json). Run by cssbuild/__init__.py as `node cssbuild/purge.js`, which reads one JSON
 * object on standard input (a stylesheet is larger than a command-line argument may be):
 *
 *     {"css": {"main.x.min.css": "its text, without its source map comment", ...},
 *      "content": ["/abs/site/**\/*.html", "/abs/site/**\/*.js"]}
 *
 * and prints one JSON object: {"main.x.min.css": "the rules kept", ...}. Writes nothing.
 * A selector is kept when every class, id and element it names occurs as a word in the content:
 * the built pages and every script (Material's bundle names the classes it sets while the page
 * runs, the site's modules those of the dialogs they make). Custom properties, keyframes and
 * @font-face stay (PurgeCSS's defaults).
 */
import { PurgeCSS } from "purgecss";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const options = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const names = Object.keys(options.css);
const results = await new PurgeCSS().purge({
  content: options.content,
  css: names.map((name) => ({ raw: options.css[name], name })),
  // Scripts set `hidden` on and off (Material's back-to-top button, the site's menus).
  dynamicAttributes: ["hidden"],
});
// Raw stylesheets come back in the order given.
process.stdout.write(JSON.stringify(Object.fromEntries(results.map((r, i) => [names[i], r.css]))));
