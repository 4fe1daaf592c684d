const ms = require("ms");
require("http").createServer((q, r) => r.end(`${ms(1000)}\n`)).listen(3000);
