/**
 * Sharing answers by link (pure: Web Crypto, CompressionStream and base64url; no DOM).
 *
 * A share link is `<sheet or "Mit partnerskab" address>#del=v1.<base64url payload>`. The fragment
 * is never sent to any server (browsers keep it out of requests). The payload is
 *
 *   flags (1 byte: bit 0 = deflate-raw compressed) | salt (16) | iv (12) | AES-GCM ciphertext + tag (16)
 *
 * The plaintext is an export file (core/exportfile.js makeExport, compact JSON), so the receiver
 * checks it with the same readExport as a file. The key is AES-GCM-256, derived with
 * PBKDF2-SHA-256 (ITERATIONS) from a share code of three words and a number said aloud
 * ("solsikke-fyrtårn-kage-427"); the version and the flags byte are the additional data, so
 * changing either is detected like any other change. All crypto is the browser's (Web Crypto).
 *
 * Strength: 3 words of 256 (24 bits) and a number 100–999 (log2 900 ≈ 9.8 bits) ≈ 33.8 bits.
 * Someone who has the link but not the code must try codes offline; each try costs 600,000
 * PBKDF2 rounds (OWASP's 2023 figure for PBKDF2-SHA-256): at about 15,000 tries a second on a
 * top graphics card (hashcat's ≈ 8.8 million a second for 999 rounds on an RTX 4090, scaled),
 * half the space (7.5 × 10⁹ codes) takes ≈ 6 days; in a browser one try takes 0.2–1 s, which
 * is why the count is not higher (phones). Enough for a link meant to be opened within
 * the hour and passed on by another channel than its code; not for a secret kept for years
 * (DESIGN.md, "Sharing by link").
 */
import WORDLIST from "../../../strings/kodeord.json" with { type: "json" };

export const VERSION = "v1";
export const PREFIX = "del="; // the fragment: #del=v1.<payload>
export const ITERATIONS = 600_000;
export const SALT_BYTES = 16;
export const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + SALT_BYTES + IV_BYTES;
const FLAG_DEFLATE = 1;

/** Over this many characters a link is too long for chat and e-mail (some cut or refuse it). */
export const MAX_LINK_CHARS = 8000;
/**
 * Over this many bytes (the link in QR byte mode) a QR code is too dense to scan from a screen:
 * 1,200 bytes need version 25 at level L (117 × 117 modules, 1,273 bytes) – about the limit of a
 * phone camera reading a laptop screen from arm's length. Level L: a screen has no stains.
 */
export const MAX_QR_BYTES = 1200;

export const WORDS = WORDLIST.words;
export const CODE_WORDS = 3;
export const NUMBER_MIN = 100;
export const NUMBER_MAX = 999;
/** The code's entropy in bits: CODE_WORDS words of WORDS and one number of NUMBER_MIN…NUMBER_MAX. */
export const CODE_BITS = CODE_WORDS * Math.log2(WORDS.length) + Math.log2(NUMBER_MAX - NUMBER_MIN + 1);

/** "fyrtårn" → "fyrtaarn": codes compare in ASCII, so a keyboard without æ/ø/å can type them. */
export const fold = (word) => word.toLowerCase().replace(/æ/g, "ae").replace(/ø/g, "oe").replace(/å/g, "aa");
const BY_FOLDED = new Map(WORDS.map((w) => [fold(w), w]));

/**
 * A new share code from crypto.getRandomValues: e.g. "solsikke-fyrtårn-kage-427".
 * @param {Crypto["getRandomValues"]} [random] a getRandomValues (tests pass their own)
 * @returns {string}
 */
export function newCode(random = (b) => globalThis.crypto.getRandomValues(b)) {
  const bytes = random(new Uint8Array(CODE_WORDS));
  const words = Array.from(bytes, (b) => WORDS[b % WORDS.length]); // 256 words: uniform
  const span = NUMBER_MAX - NUMBER_MIN + 1;
  const limit = 65536 - (65536 % span); // rejection sampling: every number equally likely
  let n;
  do n = random(new Uint16Array(1))[0]; while (n >= limit);
  return [...words, NUMBER_MIN + (n % span)].join("-");
}

/**
 * Read a code as a person types it: any case, spaces or dashes between the parts, æ/ø/å or
 * ae/oe/aa. Returns the canonical form the key is derived from ("solsikke-fyrtaarn-kage-427"),
 * or null when it is not a code (a word not in the list, a missing part, a wrong number).
 * @param {string} text
 * @returns {string|null}
 */
export function parseCode(text) {
  const parts = String(text || "").normalize("NFC").trim().toLowerCase().split(/[\s\-–—_.,]+/).filter(Boolean);
  if (parts.length !== CODE_WORDS + 1) return null;
  const words = parts.slice(0, CODE_WORDS).map(fold);
  if (!words.every((w) => BY_FOLDED.has(w))) return null;
  const number = parts[CODE_WORDS];
  if (!/^\d+$/.test(number) || +number < NUMBER_MIN || +number > NUMBER_MAX) return null;
  return [...words, String(+number)].join("-");
}

/* ---- base64url -------------------------------------------------------------------------- */
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Bytes → base64url without padding (RFC 4648 §5). */
export function toBase64url(bytes) {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let j = 0; j < chars; j++) out += B64[(n >> (18 - 6 * j)) & 63];
  }
  return out;
}

/** base64url (no padding) → bytes, or null for any other character or an impossible length. */
export function fromBase64url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let value = 0;
  let k = 0;
  for (const ch of text) {
    value = (value << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[k++] = (value >> bits) & 255;
    }
  }
  return out;
}

/* ---- Compression ---------------------------------------------------------------------------- */
const canDeflate = () => typeof globalThis.CompressionStream === "function" && typeof globalThis.DecompressionStream === "function";

async function pipe(bytes, stream, maxBytes) {
  const reader = new Blob([bytes]).stream().pipeThrough(stream).getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) { reader.cancel().catch(() => {}); throw new RangeError("too big"); }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

/* ---- Encryption ------------------------------------------------------------------------------ */
async function deriveKey(canonicalCode, salt, iterations, usage) {
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(canonicalCode), "PBKDF2", false, ["deriveKey"]);
  return crypto.subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, material, { name: "AES-GCM", length: 256 }, false, [usage]);
}

const additionalData = (flags) => new Uint8Array([...new TextEncoder().encode(VERSION), flags]);

/**
 * Compress (when the browser can) and encrypt `text` under `code`.
 * @param {string} text the plaintext (an export file as JSON)
 * @param {string} code a share code (parseCode must accept it)
 * @param {{compress?: boolean, iterations?: number}} [options] iterations: tests only
 * @returns {Promise<string>} the token "v1.<base64url>" (the fragment is PREFIX + token)
 * @throws {TypeError} when `code` is not a code (a programming error, not input)
 */
export async function seal(text, code, { compress = canDeflate(), iterations = ITERATIONS } = {}) {
  const canonical = parseCode(code);
  if (!canonical) throw new TypeError("not a share code");
  const plain = new TextEncoder().encode(text);
  const flags = compress ? FLAG_DEFLATE : 0;
  const body = compress ? await pipe(plain, new CompressionStream("deflate-raw"), Infinity) : plain;
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const key = await deriveKey(canonical, salt, iterations, "encrypt");
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: additionalData(flags) }, key, body));
  const out = new Uint8Array(HEADER_BYTES + cipher.length);
  out[0] = flags;
  out.set(salt, 1);
  out.set(iv, 1 + SALT_BYTES);
  out.set(cipher, HEADER_BYTES);
  return `${VERSION}.${toBase64url(out)}`;
}

/**
 * The share token in an address's fragment.
 * @param {string} hash location.hash ("#del=v1.…")
 * @returns {null | {ok: true, token: string} | {ok: false, reason: "malformed"|"newer"}}
 *   null: not a share fragment (a heading's anchor, nothing); malformed: ours but broken (cut
 *   off, changed by hand); newer: a later version of this site made it
 */
export function readFragment(hash) {
  const h = String(hash || "").replace(/^#/, "");
  if (!h.startsWith(PREFIX)) return null;
  const token = h.slice(PREFIX.length);
  const m = /^v(\d{1,3})\.([A-Za-z0-9_-]+)$/.exec(token);
  if (!m) return { ok: false, reason: "malformed" };
  if (`v${m[1]}` !== VERSION) return { ok: false, reason: +m[1] > 1 ? "newer" : "malformed" };
  const bytes = fromBase64url(m[2]);
  if (!bytes || bytes.length < HEADER_BYTES + TAG_BYTES || bytes[0] & ~FLAG_DEFLATE) return { ok: false, reason: "malformed" };
  return { ok: true, token };
}

/** True when `hash` is a share fragment (well-formed or not): links.js leaves it alone. */
export const isShareFragment = (hash) => readFragment(hash) !== null;

/**
 * Decrypt and decompress a token with a code the person typed. Never throws.
 * @param {string} token "v1.<base64url>" (readFragment's)
 * @param {string} typed the code as typed
 * @param {{maxBytes?: number, iterations?: number}} [options] maxBytes: the plaintext's limit
 *   (C.limits.importBytes; a link that inflates beyond it is refused before it is read)
 * @returns {Promise<{ok: true, bytes: Uint8Array} | {ok: false, reason: "code"|"malformed"|"wrong"|"unsupported"|"tooBig"}>}
 *   code: not a code at all (typo); wrong: the code does not open the link, or the link was
 *   changed (AES-GCM cannot tell them apart); unsupported: this browser cannot decompress
 */
export async function unseal(token, typed, { maxBytes = 8 * 1024 * 1024, iterations = ITERATIONS } = {}) {
  const read = readFragment(PREFIX + token);
  if (!read || !read.ok) return { ok: false, reason: "malformed" };
  const canonical = parseCode(typed);
  if (!canonical) return { ok: false, reason: "code" };
  const bytes = fromBase64url(token.slice(VERSION.length + 1));
  if (!bytes) return { ok: false, reason: "malformed" }; // readFragment checked it; said for the type check
  const flags = bytes[0];
  let body;
  try {
    const key = await deriveKey(canonical, bytes.slice(1, 1 + SALT_BYTES), iterations, "decrypt");
    body = new Uint8Array(await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: bytes.slice(1 + SALT_BYTES, HEADER_BYTES), additionalData: additionalData(flags) }, key, bytes.slice(HEADER_BYTES)));
  } catch {
    return { ok: false, reason: "wrong" };
  }
  if (!(flags & FLAG_DEFLATE)) return body.length > maxBytes ? { ok: false, reason: "tooBig" } : { ok: true, bytes: body };
  if (!canDeflate()) return { ok: false, reason: "unsupported" };
  try {
    return { ok: true, bytes: await pipe(body, new DecompressionStream("deflate-raw"), maxBytes) };
  } catch (e) {
    return { ok: false, reason: e instanceof RangeError ? "tooBig" : "malformed" };
  }
}

/**
 * The share link: `page` (an absolute address, its own fragment dropped) with the token.
 * @param {string} page
 * @param {string} token
 */
export function shareUrl(page, token) {
  const u = new URL(page);
  u.hash = "";
  return `${u.href}#${PREFIX}${token}`;
}

/**
 * What a link can be used for, by its size.
 * @param {string} url
 * @returns {{chars: number, qrBytes: number, link: boolean, qr: boolean}} link: short enough to
 *   send (≤ MAX_LINK_CHARS); qr: sparse enough to scan (≤ MAX_QR_BYTES in byte mode)
 */
export function linkSize(url) {
  const qrBytes = new TextEncoder().encode(url).length;
  return { chars: url.length, qrBytes, link: url.length <= MAX_LINK_CHARS, qr: qrBytes <= MAX_QR_BYTES };
}
