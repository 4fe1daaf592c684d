// Answers with the time zone the image set up: the libc zone of /etc/localtime, /etc/timezone, and a fixed instant.
const fs = require("node:fs");
const http = require("node:http");

const zone = () => ({
  localtime: fs.readlinkSync("/etc/localtime"),
  timezone: fs.readFileSync("/etc/timezone", "utf8").trim(),
  intl: Intl.DateTimeFormat().resolvedOptions().timeZone,
  epoch: new Date(0).toString(),
});

http
  .createServer((_req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(`${JSON.stringify(zone())}\n`);
  })
  .listen(3000);
