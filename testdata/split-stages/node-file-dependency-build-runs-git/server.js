const ms = require("ms");
const fmt = require("fmt");
const info = require("./build-info.json");
require("http").createServer((q, r) => r.end(`rev ${fmt(info.rev)} ${ms(1000)}\n`)).listen(3000);
