const ms = require("ms");
const isNumber = require("is-number");
require("http").createServer((q, r) => r.end(`${ms(1000)} ${isNumber(5)}\n`)).listen(3000);
