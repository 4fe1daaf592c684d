// The old entry, kept for `node index.js` in development.
const ms = require("ms");
console.log(ms(1000));
