console.log('server', require('ms')('1s'))
