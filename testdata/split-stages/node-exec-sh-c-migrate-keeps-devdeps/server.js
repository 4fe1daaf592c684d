require("http").createServer((q,r)=>r.end("migrated="+require("fs").readFileSync("/tmp/migrated","utf8"))).listen(3000);
