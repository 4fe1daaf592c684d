const http = require("node:http");
const ms = require("ms");
http
  .createServer((_req, res) => res.end(JSON.stringify({ app: "entry-script-into-folder", timeout: ms("1h") })))
  .listen(3000, () => console.log("listening on 3000"));
