import http from "node:http";
import { format } from "@/lib/format";

http.createServer((req, res) => res.end(`${format(60000)}\n`)).listen(8080);
