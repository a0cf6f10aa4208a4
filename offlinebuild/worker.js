/**
 * The service worker of a built site, made with Workbox's generateSW (workbox-build, pinned in
 * package.json). Run by offlinebuild/__init__.py as
 *
 *     node offlinebuild/worker.js '{"site": "/abs/site", "ignore": ["glob", ...],
 *                                   "revisionLength": 10, "contentAddressed": "regexp source"}'
 *
 * and prints one JSON line: {"count": files precached, "bytes": their size, "warnings": [...]}.
 * Writes <site>/sw.js, one file with Workbox's runtime inlined (no second file, nothing from a CDN).
 *
 * - Precache: every file of the site (the build's file list, not what a page happened to load:
 *   modules that load on demand are in it) except the globs in `ignore`; each entry carries the
 *   MD5 of its content (its first `revisionLength` hex digits; none for a path that matches
 *   `contentAddressed`, whose name changes with its content), so a new deployment is a new sw.js,
 *   which the browser installs beside the
 *   old one. It waits (no skipWaiting) until the reader chooses "genindlæs" (offline.js posts
 *   SKIP_WAITING, which generateSW's worker understands); the old precache is then deleted.
 * - Any query string is ignored when a request is matched to the precache: Pagefind asks for
 *   `pagefind-entry.json?ts=…`, and a page's address may carry one.
 * - PDFs not precached (print packs, the whole guide) are cached on first use, network first:
 *   online the reader gets the published file, offline the copy opened before.
 */
import { generateSW } from "workbox-build";

const options = JSON.parse(process.argv[2]);
const site = options.site;

/** Workbox's manifest transform: shorter revisions (those of content-addressed files are already
 * null: Workbox's own dontCacheBustURLsMatching runs before manifestTransforms). */
async function shortRevisions(entries) {
  const manifest = entries.map((entry) =>
    entry.revision ? { ...entry, revision: entry.revision.slice(0, options.revisionLength) } : entry,
  );
  return { manifest, warnings: [] };
}

const { count, size, warnings } = await generateSW({
  globDirectory: site,
  globPatterns: ["**/*"],
  globIgnores: ["sw.js", ...options.ignore],
  swDest: `${site}/sw.js`,
  inlineWorkboxRuntime: true,
  mode: "production",
  sourcemap: false,
  cacheId: "parat",
  cleanupOutdatedCaches: true,
  clientsClaim: true, // the first visit's page is served by the worker as soon as it is ready
  skipWaiting: false, // a new version waits for the reader (offline.js)
  ignoreURLParametersMatching: [/.*/],
  dontCacheBustURLsMatching: new RegExp(options.contentAddressed),
  manifestTransforms: [shortRevisions],
  maximumFileSizeToCacheInBytes: 8 * 1024 * 1024, // docx's browser build is 1 MB
  runtimeCaching: [
    {
      urlPattern: ({ url, sameOrigin }) => sameOrigin && /\/pdf\/[^/]+\.pdf$/.test(url.pathname),
      handler: "NetworkFirst",
      options: { cacheName: "parat-pdf", networkTimeoutSeconds: 10 },
    },
  ],
});
process.stdout.write(JSON.stringify({ count, bytes: size, warnings }) + "\n");
