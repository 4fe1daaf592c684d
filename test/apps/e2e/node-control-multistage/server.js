const http = require("node:http");
const ms = require("ms");
http.createServer((req, res) => res.end(JSON.stringify({ app: "control", day: ms("1d") }))).listen(3000);
