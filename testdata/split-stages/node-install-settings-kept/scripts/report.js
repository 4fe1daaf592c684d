const isNumber = require("prettier");
console.log(isNumber(process.argv[2]) ? "number" : "other");
