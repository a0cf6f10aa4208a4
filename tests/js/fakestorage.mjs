// A Map-backed stand-in for window.localStorage; with `limit` it throws QuotaExceededError like a
// browser once the stored keys and values would exceed that many UTF-16 characters (×2 bytes).
export class FakeStorage {
  constructor({ limit = Infinity } = {}) { this.map = new Map(); this.limit = limit; this.writes = 0; }
  get length() { return this.map.size; }
  key(i) { return [...this.map.keys()][i] ?? null; }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) {
    v = String(v);
    let size = 0;
    for (const [a, b] of this.map) if (a !== k) size += (a.length + b.length) * 2;
    if (size + (k.length + v.length) * 2 > this.limit) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    this.writes++;
    this.map.set(k, v);
  }
  removeItem(k) { this.map.delete(k); }
  clear() { this.map.clear(); }
}
