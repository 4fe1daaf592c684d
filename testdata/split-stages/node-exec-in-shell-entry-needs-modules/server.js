require("http").createServer((q,r)=>r.end("ok "+require("ms")(90000))).listen(process.env.PORT||3000);
