const http = require("node:http");
const ms = require("ms");
http.createServer((req, res) => res.end(JSON.stringify({ app: "no-workdir", day: ms("1d") }))).listen(3000);
