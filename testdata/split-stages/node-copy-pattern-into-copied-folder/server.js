const fs = require("node:fs");
console.log(fs.readFileSync(".env", "utf8"));
