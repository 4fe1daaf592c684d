const http = require("node:http");
const ms = require("ms");
let pretty = null;
try {
  pretty = require("pino-pretty");
} catch {}
http.createServer((req, res) => res.end(`${ms(60000)} ${pretty ? "pretty" : "plain"}\n`)).listen(8080);
