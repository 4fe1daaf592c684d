const isNumber = require("is-number");
console.log(isNumber(process.argv[2]) ? "number" : "other");
