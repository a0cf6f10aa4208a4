/**
 * Fill a sentence of the site's strings file (overrides/assets/strings/da.json): its `{name}`
 * placeholders from `params`, and of a {one, other} pair the form for `params.n`. Pure; shared by
 * the worksheets (ark/core/strings.js) and the search (sog/results.js), which gets its sentences
 * from the page rather than importing the whole file.
 *
 * @param {unknown} value the entry: a string or {one, other}
 * @param {Record<string, unknown>} params
 * @param {string} key the entry's dotted key, named in the errors
 * @returns {string}
 * @throws {Error} when the entry is not a sentence or a placeholder has no value
 */
export function fill(value, params = {}, key = "?") {
  if (value && typeof value === "object" && "other" in value) {
    const forms = /** @type {{one?: unknown, other: unknown}} */ (value);
    value = params.n === 1 ? forms.one : forms.other;
  }
  if (typeof value !== "string") throw new Error(`no interface string "${key}"`);
  return value.replace(/\{(\w+)\}/g, (_, name) => {
    if (!(name in params)) throw new Error(`interface string "${key}" needs {${name}}`);
    return String(params[name]);
  });
}
