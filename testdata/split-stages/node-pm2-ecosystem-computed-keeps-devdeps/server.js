const http = require("node:http");
const ms = require("ms");
http.createServer((req, res) => res.end(`${ms(60000)}\n`)).listen(8080);
