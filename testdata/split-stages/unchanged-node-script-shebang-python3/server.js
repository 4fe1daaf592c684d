const {execFileSync}=require('child_process');
require('http').createServer((q,r)=>{try{r.end(execFileSync('./tools/render',['a','b']).toString())}catch(e){r.statusCode=500;r.end('ERR '+e.message)}}).listen(3000);
