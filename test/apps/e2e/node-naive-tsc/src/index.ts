import { createServer } from "node:http";
import ms from "ms";

const started = Date.now();
createServer((_req, res) => {
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ app: "naive-tsc", window: ms("2 days"), up: started > 0 }));
}).listen(8080, () => console.log("listening on 8080"));
