const http = require("node:http");
const ms = require("ms");
// The install's branch under NODE_ENV=production omits devDependencies: nodemon is absent from both images.
let nodemon = true;
try {
  require.resolve("nodemon");
} catch {
  nodemon = false;
}
http.createServer((req, res) => res.end(JSON.stringify({ app: "conditional-install", ms: ms("5m"), nodemon }))).listen(3000);
