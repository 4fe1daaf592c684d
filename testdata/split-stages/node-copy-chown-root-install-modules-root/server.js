require('http').createServer((q,r)=>r.end('ok '+require('ms')(60000))).listen(process.env.PORT||3000);
