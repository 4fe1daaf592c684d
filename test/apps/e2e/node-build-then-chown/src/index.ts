// Built with tsc, then run as a user the Dockerfile creates and gives the whole working folder to: it writes a
// file next to its compiled output and answers with what it read back and who it runs as.
import { writeFileSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { userInfo } from "node:os";
import ms from "ms";

writeFileSync("/usr/src/app/dist/started.txt", `started after ${ms(60000)}`);
const owner = (p: string) => `${statSync(p).uid}:${statSync(p).gid}`;
createServer((_req, res) => {
  const body = {
    note: readFileSync("/usr/src/app/dist/started.txt", "utf8"),
    user: userInfo().username,
    app: owner("/usr/src/app"),
    dist: owner("/usr/src/app/dist"),
    modules: owner("/usr/src/app/node_modules"),
  };
  res.end(JSON.stringify(body));
}).listen(8080);
