import { describe, expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { optimize } from "../../src/core/pipeline.js";

const naive = "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n";
const run = (text: string, files?: Record<string, string>) =>
  optimize(text, { passes: ["reorder-copy"], ...(files ? { context: memoryContext(files) } : {}) });

describe("reorder-copy without a build context", () => {
  test("leaves COPY . . alone and says why", async () => {
    const result = await run(naive);
    expect(result.output).toBe(naive);
    expect(result.changes).toEqual([]);
    expect(result.refusals.map((n) => n.message)).toEqual([expect.stringContaining("without the build context")]);
  });
  test("stays silent when the install already follows only manifest COPYs", async () => {
    const ordered = "FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n";
    const result = await run(ordered);
    expect(result.output).toBe(ordered);
    expect(result.refusals).toEqual([]);
  });
});

describe("reorder-copy with a context", () => {
  test("never names a file that is not in the context", async () => {
    const result = await run(naive, { "package.json": "{}", ".dockerignore": "node_modules\n" });
    expect(result.output).toBe("FROM node:20-slim\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nCOPY . .\n");
  });
  test("keeps CRLF line endings and the untouched lines byte for byte", async () => {
    const crlf = "FROM node:20-slim\r\nWORKDIR  /app\r\nCOPY . .\r\nRUN npm ci\r\n";
    const result = await run(crlf, { "package.json": "{}", ".dockerignore": "node_modules\n" });
    expect(result.output).toBe("FROM node:20-slim\r\nWORKDIR  /app\r\nCOPY package.json ./\r\nRUN npm ci\r\nCOPY . .\r\n");
  });
  test("handles two installs in one stage, one after the other", async () => {
    const text = 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN pip install -r requirements.txt\nCMD ["node", "a.js"]\n';
    const files = { "package.json": "{}", "requirements.txt": "flask\n", ".dockerignore": "node_modules\n" };
    const result = await run(text, files);
    expect(result.output).toBe(
      'FROM node:20\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nCOPY requirements.txt ./\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["node", "a.js"]\n',
    );
    expect(result.changes).toHaveLength(2);
    const again = await run(result.output, files);
    expect(again.output).toBe(result.output);
  });
  test("a RUN with a bind mount of the context is left alone", async () => {
    const text = "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN --mount=type=bind,source=package.json,target=package.json npm ci\n";
    const result = await run(text, { "package.json": "{}", ".dockerignore": "node_modules\n" });
    expect(result.output).toBe(text);
  });
});

describe("reorder-copy and earlier manifest COPYs", () => {
  test("a manifest copied before another WORKDIR does not count as present", async () => {
    const text = "FROM node:20\nWORKDIR /tools\nCOPY package.json ./\nWORKDIR /app\nCOPY . .\nRUN npm ci\n";
    const result = await run(text, { "package.json": "{}", ".dockerignore": "node_modules\n" });
    expect(result.output).toBe(
      "FROM node:20\nWORKDIR /tools\nCOPY package.json ./\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nCOPY . .\n",
    );
  });
});
