import { describe, expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { parseDockerfile } from "../../src/core/parse.js";
import { optimize } from "../../src/core/pipeline.js";
import { copiesFrom } from "./index.js";

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

describe("reorder-copy and the files an install is pointed at", () => {
  const npm = { "package.json": "{}", ".dockerignore": "node_modules\n" };
  test("an inline NPM_CONFIG_USERCONFIG and `--userconfig` bring their file before the install", async () => {
    const inline = "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN NPM_CONFIG_USERCONFIG=ci/npmrc npm ci\n";
    const files = { ...npm, "ci/npmrc": "registry=x\n" };
    expect((await run(inline, files)).output).toContain("COPY package.json ./\nCOPY ci/npmrc ./ci/\nRUN NPM_CONFIG_USERCONFIG");
    const flag = "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci --userconfig ci/npmrc\n";
    expect((await run(flag, files)).output).toContain("COPY ci/npmrc ./ci/\nRUN npm ci --userconfig");
  });
  test("`pnpmfile=` in .npmrc brings that file", async () => {
    const text = "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN pnpm install --frozen-lockfile\n";
    const result = await run(text, { ...npm, ".npmrc": "pnpmfile=hooks/pnpmfile.cjs\n", "hooks/pnpmfile.cjs": "" });
    expect(result.output).toContain("COPY package.json .npmrc ./\nCOPY hooks/pnpmfile.cjs ./hooks/\nRUN pnpm install");
  });
  test("a moved COPY of a config file into the working folder is refused", async () => {
    const text = "FROM node:20\nWORKDIR /app\nCOPY . .\nCOPY ci/.npmrc ./\nRUN npm ci\n";
    const result = await run(text, { ...npm, "ci/.npmrc": "" });
    expect(result.output).toBe(text);
    expect(result.refusals.map((n) => n.message)).toEqual([expect.stringContaining("writes `/app/.npmrc`, a configuration file")]);
  });
  test("a COPY to a folder the install reads through a variable stays before it", async () => {
    const text =
      "FROM python:3.12\nENV PIP_FIND_LINKS=/wheels\nCOPY wheels /wheels\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n";
    const result = await run(text, { "requirements.txt": "x\n", "wheels/x-1.whl": "", ".dockerignore": ".git\n" });
    expect(result.output).toBe(
      "FROM python:3.12\nENV PIP_FIND_LINKS=/wheels\nCOPY wheels /wheels\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install -r requirements.txt\nCOPY . .\n",
    );
  });
});

describe("reorder-copy adds a prefetch step", () => {
  const go = { "go.mod": "module a\n\nrequire b v1.0.0\n", "go.sum": "", "main.go": "", ".dockerignore": ".git\n" };
  test("after a go.mod copied earlier, only go.sum is added", async () => {
    const text = "FROM golang:1.22\nWORKDIR /src\nCOPY go.mod ./\nCOPY . .\nRUN go build -o /app .\n";
    const result = await run(text, go);
    expect(result.output).toBe(
      "FROM golang:1.22\nWORKDIR /src\nCOPY go.mod ./\nCOPY go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app .\n",
    );
    expect((await run(result.output, go)).output).toBe(result.output);
  });
  test("after go.mod and go.sum copied earlier, only the step is added", async () => {
    const text = "FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum ./\nCOPY . .\nRUN go build -o /app .\n";
    const result = await run(text, go);
    expect(result.output).toBe(
      "FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app .\n",
    );
    expect(result.changes.map((n) => n.message)).toEqual([expect.stringContaining("after the manifests the stage already copies")]);
  });
  test("GOFLAGS=-mod=vendor means nothing to download", async () => {
    const text = "FROM golang:1.22\nENV GOFLAGS=-mod=vendor\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n";
    const result = await run(text, go);
    expect(result.output).toBe(text);
    expect(result.refusals.map((n) => n.message)).toEqual([expect.stringContaining("vendors its dependencies")]);
  });
  test("maven: the settings file named by -s comes with the POM", async () => {
    const text = "FROM maven:3.9-eclipse-temurin-21\nWORKDIR /app\nCOPY . .\nRUN mvn -B -s ci/settings.xml package\n";
    const result = await run(text, { "pom.xml": "<project/>", "ci/settings.xml": "<settings/>", ".dockerignore": "target\n" });
    expect(result.output).toContain(
      "COPY pom.xml ./\nCOPY ci/settings.xml ./ci/\nRUN mvn -B -s ci/settings.xml dependency:go-offline\nCOPY . .\n",
    );
  });
  test("dotnet: a `-p:` property may change the restore, so no step is added", async () => {
    const text = "FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\nRUN dotnet publish App.csproj -p:Version=2 -o /out\n";
    const result = await run(text, { "App.csproj": "<Project/>", ".dockerignore": "bin\nobj\n" });
    expect(result.output).toBe(text);
    expect(result.refusals.map((n) => n.message)).toEqual([expect.stringContaining("passes `-p:Version=2`")]);
  });
});

describe("copiesFrom, the screen that ends the look at a stage", () => {
  const body = (text: string) => parseDockerfile(`FROM scratch\n${text}`).dockerfile.stages[0].body;
  test.each([
    // A RUN is looked at while a context COPY is in its region (COPYs, inert instructions and RUNs that only
    // print, right above it) or anywhere after it.
    ["RUN a\nCOPY . .\nRUN npm ci\nRUN b", [true, true, true, false]],
    ["COPY . .\nENV A=1\nRUN ls\nRUN npm ci\nRUN b", [true, true, true, true, false]],
    ["COPY . .\nRUN make\nRUN npm ci", [true, true, false]],
    ["COPY --from=x /a /a\nRUN npm ci", [false, false]],
    ["RUN a\nRUN b", [false, false]],
    // A RUN that reads no sources (a system install) keeps the region open.
    ["COPY . .\nRUN apt-get update && apt-get install -y libpq5\nRUN pip install -r requirements.txt\nRUN b", [true, true, true, false]],
  ])("%j", (text, expected) => expect(copiesFrom(body(text), memoryContext({}))).toEqual(expected));
});

describe("reorder-copy and ADD of a local file, which BuildKit unpacks when it is an archive", () => {
  const text = "FROM node:20\nWORKDIR /app\nADD vendor ./\nCOPY . .\nRUN npm ci\n";
  const files = { "package.json": "{}", ".dockerignore": "node_modules\n" };
  test("an archive by its content, whatever its name, stays before the install", async () => {
    for (const vendor of ["\u001f\uFFFD\b\u0000gz", ".npmrc\u0000\u0000\u0000ustar"]) {
      const result = await run(text, { ...files, vendor });
      expect(result.output).toBe(text);
      expect(result.refusals.map((n) => n.message)).toContainEqual(expect.stringContaining("unpacks the archive `vendor`"));
    }
  });
  test("a text file moves as a COPY would", async () => {
    const result = await run(text, { ...files, vendor: "plain text\n" });
    expect(result.output).toBe("FROM node:20\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nADD vendor ./\nCOPY . .\n");
  });
});
