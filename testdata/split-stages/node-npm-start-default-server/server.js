const n=require("is-number");require("http").createServer((q,r)=>r.end("default-start "+n(1))).listen(3000);
