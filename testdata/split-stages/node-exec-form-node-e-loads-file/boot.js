const isNumber=require('is-number');const ms=require('ms');
require('http').createServer((q,r)=>r.end('boot '+isNumber('7')+' '+ms(1000)+'\n')).listen(3000);
