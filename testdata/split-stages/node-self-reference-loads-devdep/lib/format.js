const isNumber = require("is-number");
const ms = require("ms");
module.exports = (n) => (isNumber(n) ? ms(n) : "?");
