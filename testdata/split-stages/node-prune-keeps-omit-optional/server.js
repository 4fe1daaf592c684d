const ms = require("ms");
let isNumber = null;
try {
  isNumber = require("is-number");
} catch {}
require("http")
  .createServer((req, res) => res.end(`${ms(60000)} ${isNumber ? "with" : "without"} is-number\n`))
  .listen(3000);
