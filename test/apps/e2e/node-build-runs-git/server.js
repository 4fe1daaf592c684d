const http = require("node:http");
const ms = require("ms");
const info = require("./build-info.json");
http.createServer((req, res) => res.end(JSON.stringify({ app: "build-runs-git", builtWith: info.git, second: ms(1000) }))).listen(3000);
