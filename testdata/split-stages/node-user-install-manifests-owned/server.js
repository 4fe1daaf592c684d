const ms = require("ms");
require("node:http").createServer((q, s) => s.end(JSON.stringify({ app: "user-npm-install", ms: ms("2s") }))).listen(3000);
