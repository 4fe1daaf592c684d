const u=require("#util");require("http").createServer((q,r)=>r.end("u="+u(3))).listen(3000);
