/**
 * When "Mit partnerskab" reminds the person to export an answer set (issue 26): Safari deletes
 * script-written storage after seven days of use without a visit, and any browser may clear it, so
 * answers that changed and were not exported for a while are at risk. The rule in one place.
 */

/** How long changed answers may stay unexported before the reminder shows, in days. */
export const REMIND_AFTER_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Is the export reminder due for a set?
 * @param {{unexportedSince?: string}} set a set from store.sets(): unexportedSince is the ISO time of
 *   the first change after its last export (absent: nothing changed since, or never changed)
 * @param {Date} now
 * @returns {boolean} true when the set has changes older than REMIND_AFTER_DAYS days that were not
 *   exported; false for no changes, a change not yet that old, or an unreadable time (stored data
 *   is untrusted: a broken value never nags)
 */
export function reminderDue(set, now) {
  const since = set && typeof set.unexportedSince === "string" ? Date.parse(set.unexportedSince) : NaN;
  if (!Number.isFinite(since)) return false;
  return now.getTime() - since >= REMIND_AFTER_DAYS * DAY_MS;
}
