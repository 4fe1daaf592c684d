// The task comes from the URL: /report or /cleanup.
const http = require("node:http");
const { spawnSync } = require("node:child_process");
http.createServer((req, res) => res.end(spawnSync("npm", ["run", "-s", req.url.slice(1)]).stdout)).listen(8080);
