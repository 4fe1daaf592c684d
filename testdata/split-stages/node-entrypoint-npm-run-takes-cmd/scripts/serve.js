const n=require("is-number");require("http").createServer((q,r)=>r.end("serve "+n(2))).listen(3000);
