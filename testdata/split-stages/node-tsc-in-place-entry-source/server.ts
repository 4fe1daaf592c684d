declare const require: (name: string) => any;
const http = require("node:http");

http.createServer((_req: unknown, res: { end: (s: string) => void }) => res.end("ok")).listen(8080);
