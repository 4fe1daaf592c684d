const test = require("node:test");
const assert = require("node:assert");
const { add } = require("./math");

// Wrong on purpose: the Docker test fixes it in a copy of the app.
const expected = 4;
test("add", () => {
  assert.strictEqual(add(1, 2), expected, "TEST FAILED: add(1, 2)");
});
