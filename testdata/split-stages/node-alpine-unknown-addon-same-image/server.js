require("node-expat"); require("http").createServer((q, s) => s.end("ok")).listen(3000);
