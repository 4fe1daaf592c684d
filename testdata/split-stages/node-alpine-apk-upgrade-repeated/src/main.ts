declare const require: (m: string) => any;
const http = require("http");
const ms: (v: string) => number = require("ms");

// A TypeScript app on an alpine base: compiled at build time, run with a production dependency.
http.createServer((_req: unknown, res: { end(s: string): void }) => res.end(JSON.stringify({ app: "alpine-tsc", ms: ms("1d") }))).listen(8080);
