import { createServer } from "node:http";
import ms from "ms";

createServer((_req, res) => res.end(`${ms(60000)}\n`)).listen(3000);
