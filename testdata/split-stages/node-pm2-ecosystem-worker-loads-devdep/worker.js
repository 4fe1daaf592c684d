const isNumber = require("is-number");
setInterval(() => console.log(isNumber(Date.now())), 60000);
