const ms = require("ms");
require("http")
  .createServer((req, res) => res.end(`up ${ms(60000)}\n`))
  .listen(3000);
