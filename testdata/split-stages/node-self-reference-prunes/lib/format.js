const ms = require("ms");
module.exports = (n) => ms(n);
