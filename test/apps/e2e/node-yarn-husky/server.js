const http = require("node:http");
const ms = require("ms");
http.createServer((req, res) => res.end(JSON.stringify({ timeout: ms("2m") }))).listen(3000, () => console.log("listening on 3000"));
