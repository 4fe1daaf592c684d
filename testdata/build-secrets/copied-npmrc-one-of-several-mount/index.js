console.log(require("fs").readFileSync("/app/package.json","utf8"))
