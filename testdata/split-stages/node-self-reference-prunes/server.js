// The package loads its own file by name, through package.json `exports`.
const http = require("node:http");
const format = require("api/format");
http.createServer((req, res) => res.end(`${format(60000)}\n`)).listen(8080);
