const isNumber = require('is-number'); console.log('migrated', isNumber(1));
