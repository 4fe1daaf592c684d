// Writes into its working folder at start: the folder must stay owned by the `node` user.
const fs = require("node:fs");
const http = require("node:http");
const ms = require("ms");
fs.writeFileSync("/app/started.txt", `started after ${ms(60000)}`);
http.createServer((req, res) => res.end(JSON.stringify({ note: fs.readFileSync("/app/started.txt", "utf8"), user: require("node:os").userInfo().username }))).listen(3000);
