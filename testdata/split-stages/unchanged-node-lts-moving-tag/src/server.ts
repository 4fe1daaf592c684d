declare const require: any; require("http").createServer((q: any, s: any) => s.end("ok")).listen(3000); console.log("c13 up");
