const isNumber=require('is-number');
require('http').get('http://127.0.0.1:3000/',r=>process.exit(r.statusCode===200&&isNumber(r.statusCode)?0:1)).on('error',()=>process.exit(1));
