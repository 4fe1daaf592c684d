const ms = require("ms");
const name = process.env.ROUTE || "hello";
const route = require(`./routes/${name}`);
require("http").createServer((q, r) => r.end(`${route()} ${ms(1000)}\n`)).listen(3000);
