// Serves dist/ (no dependencies).
const http = require("node:http");
const fs = require("node:fs");
const path = require("node:path");
http.createServer((req, res) => {
  const name = req.url === "/" ? "index.html" : path.basename(req.url);
  fs.readFile(path.join(__dirname, "dist", name), (err, body) => {
    res.writeHead(err ? 404 : 200, { "content-type": "text/html" });
    res.end(err ? "not found\n" : body);
  });
}).listen(8080);
