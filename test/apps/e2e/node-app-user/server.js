// Runs as its own system user, created in the Dockerfile: it writes into its working folder and its home.
const fs = require("node:fs");
const http = require("node:http");
const os = require("node:os");
const ms = require("ms");
fs.writeFileSync("/srv/app/started.txt", `started after ${ms(60000)}`);
fs.writeFileSync(`${os.homedir()}/.seen`, "yes");
const { username, uid, gid, homedir } = os.userInfo();
http
  .createServer((req, res) =>
    res.end(JSON.stringify({ note: fs.readFileSync("/srv/app/started.txt", "utf8"), username, uid, gid, homedir })),
  )
  .listen(3000);
