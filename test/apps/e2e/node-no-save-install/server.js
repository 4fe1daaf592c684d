const http = require("node:http");
const ms = require("ms");
// Installed by the Dockerfile with --no-save, not listed in package.json.
const leftPad = require("left-pad");
http
  .createServer((req, res) => res.end(JSON.stringify({ timeout: ms("2m"), id: leftPad("7", 3, "0") })))
  .listen(8080, () => console.log("listening on 8080"));
