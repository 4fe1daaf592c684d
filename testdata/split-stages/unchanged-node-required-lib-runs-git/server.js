const ms = require("ms");
const { revision } = require("./lib/revision");
require("http").createServer((q, r) => r.end(`rev ${revision()} ${ms(1000)}\n`)).listen(3000);
