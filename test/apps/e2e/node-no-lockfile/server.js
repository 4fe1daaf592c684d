const ms = require("ms");
require("node:http").createServer((q, s) => s.end(JSON.stringify({ app: "no-lockfile", ms: ms("3s") }))).listen(3000);
