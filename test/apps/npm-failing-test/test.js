const { add } = require("./math");
// Wrong on purpose: the Docker test fixes it in a copy of the app.
const expected = 4;
if (add(1, 2) !== expected) {
  console.error(`TEST FAILED: add(1, 2) is ${add(1, 2)}, expected ${expected}`);
  process.exit(1);
}
console.log("TESTS PASSED");
