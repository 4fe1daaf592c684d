console.log(require('ms')('4s'), require('fs').readFileSync(__dirname + '/build.txt', 'utf8'), process.env.npm_config_user_agent ? process.env.npm_config_user_agent.split(' ')[0] : 'none');
