console.log(require('ms')('1s'), require('./lib/browser').launch())
