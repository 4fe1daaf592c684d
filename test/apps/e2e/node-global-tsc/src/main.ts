declare const require: (m: string) => any;
const http = require("http");
const greet = (who: string): string => `hello ${who}`;
http.createServer((_req: unknown, res: { end(s: string): void }) => res.end(JSON.stringify({ msg: greet("tsc") }))).listen(8080);
