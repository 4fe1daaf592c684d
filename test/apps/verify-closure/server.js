const http = require("node:http");
const fs = require("node:fs");
const greet = require("greet");

http
  .createServer((req, res) => {
    if (req.url === "/version") return res.end(greet.version());
    if (req.url === "/lazy") return res.end(require("lazy")());
    if (req.url === "/native") {
      const addon = { exports: {} };
      process.dlopen(addon, `${__dirname}/native/addon.node`);
      return res.end("loaded\n");
    }
    if (req.url === "/save") {
      fs.writeFileSync("state.txt", String(Date.now()));
      return res.end("saved\n");
    }
    res.end(`${greet("verify")}\n`);
  })
  .listen(3000);
