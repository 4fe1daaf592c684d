// A floating Python tag that pin-tags pins in the same run: the split plans on that release, so that a second
// run changes nothing (the output is a fixed point), in offline and registry mode alike.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { optimize, type OptimizeOptions } from "../../src/core/pipeline.js";

const APP = { "requirements.txt": "flask==3.0.0\n", "app.py": "print(1)\n" };
const FILE =
  'FROM python:3\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n';

async function twice(text: string, options: OptimizeOptions) {
  const first = await optimize(text, { context: memoryContext(APP), ...options });
  const second = await optimize(first.output, { context: memoryContext(APP), ...options });
  return { first, second };
}

test("offline: split on the catalog's release of `python:3`, and the output is a fixed point", async () => {
  const { first, second } = await twice(FILE, { offline: true });
  expect(first.output).toMatch(/ARG PYTHON_VERSION=3\.\d+\.\d+\n\nFROM python:\$\{PYTHON_VERSION\} AS build/);
  expect(first.output).toMatch(/FROM python:\$\{PYTHON_VERSION\}-slim AS runtime/);
  expect(first.output).toMatch(/\/usr\/local\/lib\/python3\.\d+\/site-package\[s\]/);
  expect(first.changes.some((n) => n.pass === "split-stages" && /the release pin-tags pins `python:3` to/.test(n.message))).toBe(true);
  expect(second.output).toBe(first.output);
});

test.each([
  ["pin-tags not run", { offline: true, skip: ["pin-tags"] }],
  ["no pins", { offline: true, pin: "none" }],
  ["a stale catalog pins no floating tag", { offline: true, today: "2030-01-01" }],
] as const)("no pin in this run, no split: %s", async (_, options) => {
  const { first, second } = await twice(FILE, options as OptimizeOptions);
  expect(first.output).not.toContain("AS runtime");
  expect(first.refusals.some((n) => n.pass === "split-stages" && /Python version of `python:3` is not known/.test(n.message))).toBe(true);
  expect(second.output).toBe(first.output);
});

test("pin-tags turned off for the file: no split", async () => {
  const { first } = await twice(`# msb-opt global ignore=pin-tags\n${FILE}`, { offline: true });
  expect(first.output).not.toContain("AS runtime");
});

test("registry: one lookup answers both passes, and the split follows the registry's release, not the catalog's", async () => {
  const asked: string[] = [];
  // `3` is 3.15.1 here (newer than the bundled catalog knows).
  const digestOf = (tag: string) => `sha256:${(/slim/.test(tag) ? "b" : "a").repeat(64)}`;
  const tags = ["3", "3.15", "3.15.1", "3-slim", "3.15-slim", "3.15.1-slim", "3.14.7", "latest"];
  const server = createServer((req, res) => {
    asked.push(`${req.method} ${req.url}`);
    const path = new URL(req.url ?? "/", "http://registry").pathname;
    const tag = /\/manifests\/(.+)$/.exec(path)?.[1];
    if (path.endsWith("/tags/list")) res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ tags }));
    else if (tag && tags.includes(tag) && (tag !== "3.14.7" || req.method !== "HEAD"))
      res.writeHead(200, { "Docker-Content-Digest": digestOf(tag) }).end();
    else if (tag === "3.14.7") res.writeHead(200, { "Docker-Content-Digest": `sha256:${"c".repeat(64)}` }).end();
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { first, second } = await twice(FILE, { registryMirror: url, registryTimeoutMs: 2000 });
    expect(first.output).toContain("ARG PYTHON_VERSION=3.15.1");
    expect(first.output).toContain("/usr/local/lib/python3.15/site-package[s]");
    expect(second.output).toBe(first.output);
    // The first run listed the tags once (split-stages' question and pin-tags' pin share one lookup); the
    // second, on release tags, asks nothing.
    expect(asked.filter((a) => a.includes("/tags/list"))).toHaveLength(1);
  } finally {
    server.close();
  }
});

test("a decline after the foresight names the image as written", async () => {
  const slim = await optimize(FILE.replace("python:3", "python:3-slim"), { context: memoryContext(APP), offline: true });
  expect(slim.refusals.find((n) => n.pass === "split-stages")?.message).toContain("`python:3-slim` is already a slim image");
  const alpine = await optimize(FILE.replace("python:3", "python:alpine"), { context: memoryContext(APP), offline: true });
  expect(alpine.refusals.find((n) => n.pass === "split-stages")?.message).toContain("`python:alpine` is already a slim image");
});
