const ms = require("ms");
require("http")
  .createServer((req, res) => res.end(`${ms(90000, { long: true })}\n`))
  .listen(3000);
