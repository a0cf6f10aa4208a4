import { test } from "node:test";
import assert from "node:assert/strict";
import { fragmentId, safeDecode } from "../../overrides/assets/javascripts/address.js";

test("a malformed escape in an address is left as it is, never thrown", () => {
  for (const bad of ["%", "trin-3%", "%E6%9", "%zz", "100%"]) assert.equal(safeDecode(bad), bad);
  assert.equal(safeDecode("s%C3%A6t"), "sæt");
  assert.equal(safeDecode(undefined), "");
  assert.equal(safeDecode(42), "");
});

test("the fragment's id: '#' dropped, decoded when it can be", () => {
  assert.equal(fragmentId("#trin-3--maal"), "trin-3--maal");
  assert.equal(fragmentId("trin-3--maal"), "trin-3--maal");
  assert.equal(fragmentId("#m%C3%A5l"), "mål");
  assert.equal(fragmentId("#trin-3%"), "trin-3%");
  assert.equal(fragmentId(""), "");
  assert.equal(fragmentId(null), "");
});
