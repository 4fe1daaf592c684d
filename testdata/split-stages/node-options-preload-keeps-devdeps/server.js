require('http').createServer((q,r)=>r.end('traced='+globalThis.__traced+' '+require('ms')(1000))).listen(3000);
