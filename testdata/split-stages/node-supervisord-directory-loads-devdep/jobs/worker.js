const isNumber = require("is-number");
setInterval(() => console.log(isNumber(5)), 60000);
