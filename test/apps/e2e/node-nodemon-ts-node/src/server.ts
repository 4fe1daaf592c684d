import { createServer } from "node:http";
const ms = require("ms");

const port = Number(process.env.PORT ?? 3000);
createServer((_req, res) => {
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ app: "nodemon-ts-node", timeout: ms("2 days"), node: process.versions.node.split(".")[0] }));
}).listen(port, () => console.log(`listening on ${port}`));
