// Creates a file in its working folder at start: the folder itself (not only the files in it) must stay the
// `node` user's, as the Dockerfile's `chown` made it.
const fs = require("node:fs");
const http = require("node:http");
const ms = require("ms");
fs.writeFileSync("/home/node/app/started.txt", `started after ${ms(60000)}`);
http.createServer((req, res) => res.end(fs.readFileSync("/home/node/app/started.txt", "utf8"))).listen(3000);
