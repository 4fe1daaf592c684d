const ms = require("ms");
require("node:http").createServer((q, s) => s.end(String(ms("1s")))).listen(3000);
