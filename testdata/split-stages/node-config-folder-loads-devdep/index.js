const config = require('config');
console.log(config.get('greeting'), 'on', config.get('port'));
