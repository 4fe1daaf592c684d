const http = require("node:http");
const ms = require("ms");
const greet = require("@ws/greet");
// The app package of an npm workspaces monorepo: it loads the local library and a registry dependency.
http.createServer((req, res) => res.end(JSON.stringify({ msg: greet("workspaces"), ms: ms("1h") }))).listen(8080);
