const http = require("node:http");
const ms = require("ms");
// Run under pm2-runtime: report the process manager's marker and a value computed by a production dependency.
http.createServer((req, res) => res.end(JSON.stringify({ app: "pm2", pm2: process.env.pm_id !== undefined, ms: ms("2h") }))).listen(3000);
