// The old entry, kept for `node index.js` in development; the image runs server/index.js.
const ms = require("ms");
console.log(ms(1000));
