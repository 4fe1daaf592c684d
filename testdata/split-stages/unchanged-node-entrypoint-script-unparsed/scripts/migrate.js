const { rimrafSync } = require('rimraf');
rimrafSync('/tmp/migrate-lock');
console.log('migrations done');
