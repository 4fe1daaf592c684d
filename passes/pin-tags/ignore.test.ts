// The user's ignore holds through every pass: a FROM under `# msb-opt ignore=pin-tags` is never looked up,
// also when split-stages made a runtime stage from it.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { catalogGroup } from "../../src/core/image-catalog.js";
import { optimize } from "../../src/core/pipeline.js";
import { namesReleaseLine, releaseLineOf } from "./resolve.js";

const APP = {
  "package.json": JSON.stringify({ name: "app", version: "1.0.0", scripts: { build: "node build.js" } }),
  "package-lock.json": JSON.stringify({ name: "app", lockfileVersion: 3, packages: {} }),
  "build.js": "",
};

async function withRegistry(run: (url: string, asked: string[]) => Promise<void>): Promise<void> {
  const asked: string[] = [];
  const server = createServer((req, res) => {
    asked.push(req.url ?? "");
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, asked);
  } finally {
    server.close();
  }
}

const dockerfile = (ignore: boolean) =>
  `${ignore ? "# msb-opt ignore=pin-tags\n" : ""}FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN npm run build\nCMD ["node", "server.js"]\n`;

test("an ignored FROM is never looked up, nor the runtime stage split-stages makes from it", async () => {
  await withRegistry(async (url, asked) => {
    const options = { registryMirror: url, registryTimeoutMs: 2000, context: memoryContext(APP), skip: ["version-args"] };
    const ignored = await optimize(dockerfile(true), options);
    expect(ignored.output).toContain("AS runtime"); // split-stages ran
    expect(ignored.output).toMatch(/FROM node:20 AS build\n[\s\S]*FROM node:20-slim AS runtime/);
    expect(asked).toEqual([]);
    // Only the notes that say the comment kept them as written, as the README promises.
    expect(ignored.changes.filter((n) => n.pass === "pin-tags")).toEqual([]);
    expect(ignored.refusals.filter((n) => n.pass === "pin-tags").map((n) => n.message)).toEqual([
      "Did not pin `node:20`: `# msb-opt ignore=pin-tags` above this FROM (or above the ARG it is built from) keeps it as written.",
      "Did not pin `node:20-slim`: `# msb-opt ignore=pin-tags` above this FROM (or above the ARG it is built from) keeps it as written.",
    ]);

    // The same file without the comment asks the registry for both: the test server is the one it would ask.
    const plain = await optimize(dockerfile(false), options);
    expect(asked.some((u) => u.includes("library/node/tags/list"))).toBe(true);
    expect(plain.refusals.filter((n) => n.pass === "pin-tags").length).toBeGreaterThan(0);
  });
});

test("release lines and floating tags, by the catalog's groups", () => {
  const line = (name: string, tag: string) => namesReleaseLine(catalogGroup(null, name, tag), tag);
  expect(["node:20", "node:20-slim", "python:3.12", "python:3.13", "debian:12", "node:24.19"].map((r) => line(...split(r)))).toEqual(
    Array(6).fill(true),
  );
  expect(
    ["node:lts", "node:24", "python:3", "python:3-slim", "debian:bookworm", "ubuntu:latest", "node:iron"].map((r) => line(...split(r))),
  ).toEqual(Array(7).fill(false));
  expect(releaseLineOf(catalogGroup(null, "python", "3"), "3")).toMatch(/^3\.\d+$/);
  expect(releaseLineOf(catalogGroup(null, "debian", "bookworm"), "bookworm")).toBe("12");
});

const split = (ref: string) => ref.split(":") as [string, string];
