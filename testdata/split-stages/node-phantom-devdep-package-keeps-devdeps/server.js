// `ms` is not declared: debug (a devDependency) brings it, and npm hoists it beside the app's packages.
const http = require("node:http");
const ms = require("ms");
const isNumber = require("is-number");
http.createServer((req, res) => res.end(`${ms(60000)} ${isNumber(1)}\n`)).listen(8080);
