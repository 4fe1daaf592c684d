const http = require("node:http");
const ms = require("ms");
http.createServer((req, res) => res.end(JSON.stringify({ timeout: ms("3m") }))).listen(8080, () => console.log("listening on 8080"));
