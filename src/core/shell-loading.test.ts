// Every pass alone on files whose only shell is outside a RUN: the pipeline must have loaded the shell
// parser before any pass reads a HEALTHCHECK, ONBUILD or shell-form CMD/ENTRYPOINT. This file never calls
// loadShell itself (vitest gives each test file fresh modules), so a pass that reads shell the pipeline did
// not load for fails here.
import { describe, expect, test } from "vitest";
import { PASSES } from "../../passes/index.js";
import { memoryContext } from "./context.js";
import { optimize } from "./pipeline.js";

const FILES: Record<string, string> = {
  healthcheck: [
    "FROM nginx",
    "COPY nginx.conf /etc/nginx/nginx.conf",
    "COPY site/ /usr/share/nginx/html/",
    "HEALTHCHECK --interval=30s CMD curl -f http://localhost || exit 1",
    "",
  ].join("\n"),
  "shell-form cmd": ["FROM node:20-slim", "WORKDIR /app", "COPY . .", "CMD node server.js --port $PORT", ""].join("\n"),
  "shell-form entrypoint": ["FROM python:3.12-slim", "COPY app.py /app/", "ENTRYPOINT exec python /app/app.py", ""].join("\n"),
  onbuild: ["FROM node:20-slim", "ONBUILD COPY . /app", "ONBUILD RUN npm ci", 'CMD ["node", "/app/index.js"]', ""].join("\n"),
};

const CONTEXT = memoryContext({
  "nginx.conf": "events {}\nhttp { server { listen 80; root /usr/share/nginx/html; } }\n",
  "site/index.html": "<h1>hi</h1>\n",
  "server.js": "require('http').createServer((q, r) => r.end('ok')).listen(process.env.PORT);\n",
  "package.json": '{"name":"app","version":"1.0.0","scripts":{"start":"node server.js"}}\n',
  "app.py": "print('hi')\n",
  "index.js": "console.log('hi')\n",
});

describe("the pipeline loads the shell parser for every pass", () => {
  for (const [name, text] of Object.entries(FILES)) {
    for (const pass of PASSES) {
      test(`${pass.id} on a file whose only shell is in a ${name}`, async () => {
        const result = await optimize(text, { passes: [pass.id], offline: true, context: CONTEXT });
        expect(typeof result.output).toBe("string");
      });
    }
  }
});
