const fs = require("node:fs");
const http = require("node:http");
const ms = require("ms");
// The app writes into its own folder: the runtime must keep it the node user's.
fs.writeFileSync("started.txt", String(process.getuid()));
http
  .createServer((req, res) => res.end(JSON.stringify({ uid: fs.readFileSync("started.txt", "utf8"), timeout: ms("1m") })))
  .listen(8080, () => console.log("listening on 8080"));
