const http = require("node:http");

http.createServer((req, res) => res.end(`${new Date().getTimezoneOffset()}\n`)).listen(3000);
