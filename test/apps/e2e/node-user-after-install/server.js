const http = require("node:http");
const ms = require("ms");
const info = require("./generated/info.json");
http.createServer((req, res) => res.end(JSON.stringify({ ...info, timeout: ms("1m") }))).listen(8080, () => console.log("listening on 8080"));
