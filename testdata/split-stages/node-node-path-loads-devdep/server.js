// NODE_PATH makes lib/ a folder of bare names: `helpers/format` is lib/helpers/format.js.
const http = require("node:http");
const format = require("helpers/format");
http.createServer((req, res) => res.end(`${format(60000)}\n`)).listen(8080);
