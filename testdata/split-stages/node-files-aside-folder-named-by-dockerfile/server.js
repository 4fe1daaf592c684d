const fs = require("fs");
console.log(require("ms")(1000), fs.readFileSync("/app-files/seed.txt", "utf8").trim(), fs.existsSync("/app/gen/conf.json"), fs.existsSync("/app-files/server.js"));
