const http = require("node:http");
const { execFileSync } = require("node:child_process");
// The health check runs curl: report whether the image has it.
const curl = (() => { try { execFileSync("curl", ["--version"]); return true; } catch { return false; } })();
http.createServer((req, res) => res.end(JSON.stringify({ app: "healthcheck", curl }))).listen(3000);
