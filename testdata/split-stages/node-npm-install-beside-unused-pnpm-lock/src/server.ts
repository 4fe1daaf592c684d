declare function require(name: string): any;
const ms = require("ms");
require("http").createServer((_: unknown, res: any) => res.end(String(ms("1m")))).listen(3000);
