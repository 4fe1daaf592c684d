import https from "node:https";
import fs from "node:fs";
https.createServer({ key: fs.readFileSync("certs/key.pem"), cert: fs.readFileSync("certs/cert.pem") }, (q, s) => s.end("ok")).listen(8443);
