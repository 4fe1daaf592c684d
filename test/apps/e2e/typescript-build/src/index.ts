import { createServer } from "node:http";

const port = Number(process.env.PORT ?? 8080);
const greet = (name: string): string => `hello ${name} from TypeScript`;

createServer((req, res) => {
  res.setHeader("content-type", "text/plain");
  res.end(`${greet(req.url ?? "/")}\n`);
}).listen(port);
