const ms = require("ms");
require("http").createServer((_q, r) => r.end(String(ms("1s")))).listen(3000);
