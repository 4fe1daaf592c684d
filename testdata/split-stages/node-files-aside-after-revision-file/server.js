console.log('revision', require('fs').readFileSync(__dirname + '/REVISION', 'utf8').trim(), process.env.APP_SHA);
