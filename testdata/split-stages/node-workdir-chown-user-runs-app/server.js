const http=require('http'),fs=require('fs');const ms=require('ms');
let st;try{fs.mkdirSync('./data',{recursive:true});fs.writeFileSync('./data/boot.txt','x');fs.writeFileSync('./server.pid',''+process.pid);st='write ok'}catch(e){st='write ERR '+e.code}
http.createServer((q,r)=>{r.end(st+' uid='+process.getuid()+' '+ms(1000)+'\n')}).listen(3000);
