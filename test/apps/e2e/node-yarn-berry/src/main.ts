declare const require: (m: string) => any;
const http = require("http");
const ms: (v: string) => number = require("ms");

// A Yarn 4 (berry) project with the node-modules linker: compiled with tsc, run with a production dependency.
http.createServer((_req: unknown, res: { end(s: string): void }) => res.end(JSON.stringify({ app: "yarn-berry", ms: ms("3h") }))).listen(8080);
