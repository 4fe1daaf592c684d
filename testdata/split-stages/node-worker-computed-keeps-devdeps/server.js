const {Worker}=require('worker_threads');const path=require('path');
require('http').createServer((q,r)=>{const w=new Worker(path.join(__dirname,'jobs','validate.js'),{workerData:'12'});w.once('message',m=>r.end('worker='+m));w.once('error',e=>{r.statusCode=500;r.end('ERR '+e.message)})}).listen(3000);
