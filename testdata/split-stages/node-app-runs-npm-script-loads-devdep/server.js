// The report runs as an npm script, at run time.
const http = require("node:http");
const { execSync } = require("node:child_process");
http.createServer((req, res) => res.end(execSync("npm run -s report -- 5").toString())).listen(8080);
