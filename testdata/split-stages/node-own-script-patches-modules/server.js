require("http").createServer((q,r)=>r.end("patched="+require("ms").patched)).listen(3000);
