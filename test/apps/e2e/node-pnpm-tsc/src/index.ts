import http from "node:http";
import { label } from "./label";
http.createServer((_req, res) => res.end(JSON.stringify({ app: "pnpm-tsc", label: label() }))).listen(8080);
