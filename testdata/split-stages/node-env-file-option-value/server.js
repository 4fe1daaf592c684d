const n=require("is-number");require("http").createServer((q,r)=>r.end("mode="+process.env.MODE+" "+n(1))).listen(3000);
