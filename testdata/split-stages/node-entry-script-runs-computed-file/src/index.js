const ms = require('ms'); console.log('app ran', ms('1s'), process.argv.slice(2).join(' '), process.env.APP_DIR);
