const ms = require("ms");
console.log(`cleaned up, next in ${ms(3600000)}`);
