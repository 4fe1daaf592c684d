const ms = require("ms");
const info = require("./build-info.json");
require("http").createServer((q, r) => r.end(`rev ${info.rev} ${ms(1000)}\n`)).listen(3000);
