const fs = require("fs"), path = require("path");
const log = path.join(__dirname, "npm-debug.log");
console.log(require("ms")("1s"), fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim() : "nolog");
