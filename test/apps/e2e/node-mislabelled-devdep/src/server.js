const http = require("node:http");
const { describe } = require("./describe");
http.createServer((req, res) => res.end(JSON.stringify(describe()))).listen(3000);
