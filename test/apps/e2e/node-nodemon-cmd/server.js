const http = require("node:http");
const ms = require("ms");
// Started by nodemon, a devDependency the command runs: the split must keep it.
http.createServer((req, res) => res.end(JSON.stringify({ app: "nodemon", ms: ms("5m") }))).listen(3000);
