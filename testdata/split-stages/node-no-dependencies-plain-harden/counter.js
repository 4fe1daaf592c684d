// Counts requests in a file of its own folder: it needs to write where it was installed.
const http = require("node:http");
const fs = require("node:fs");
const path = require("node:path");
const file = path.join(__dirname, "count.txt");
http.createServer((req, res) => {
  const count = (fs.existsSync(file) ? Number(fs.readFileSync(file, "utf8")) : 0) + 1;
  fs.writeFileSync(file, String(count));
  res.end(`request ${count}\n`);
}).listen(8080);
