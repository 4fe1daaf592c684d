// Answers with what the build wrote: the certificate's subject (made by openssl), whether its key is there, the
// start script's line ends (fixed by sed) and the python link node-gyp would use.
const fs = require("node:fs");
const http = require("node:http");
const { X509Certificate } = require("node:crypto");
const ms = require("ms");

const cert = new X509Certificate(fs.readFileSync("certs/cert.pem"));
const body = {
  subject: cert.subject,
  key: fs.existsSync("certs/key.pem"),
  crlf: fs.readFileSync("start.sh", "utf8").includes("\r"),
  python: fs.existsSync("/usr/bin/python") ? fs.readlinkSync("/usr/bin/python") : null,
  up: ms(60000),
};
http
  .createServer((req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(`${JSON.stringify(body)}\n`);
  })
  .listen(3000, () => console.log("listening on 3000"));
