const http = require("node:http");
const ms = require("ms");
// A mislabelled devDependency the server loads: the runtime must keep it.
const isNumber = require("is-number");
http.createServer((req, res) => res.end(JSON.stringify({ app: "cd-entry", second: ms(1000), five: isNumber(5), cwd: process.cwd() }))).listen(3000);
