console.log(require('ms')('1s'), require('fs').readFileSync('dist/out.txt','utf8'), process.cwd(), process.env.APP_HOME, process.argv.slice(2).join(' '));
