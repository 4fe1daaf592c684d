const isOdd = require('is-odd'); module.exports = (x) => 'shared:' + isOdd(x);
