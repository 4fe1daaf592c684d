const ms = require('ms');
console.log(require('./version.json').built, ms(1000));
