// Real BuildKit builds of a Go app whose one requirement comes from a module proxy in a folder
// (GOPROXY=file:///goproxy, written here from test/apps/go-prefetch/greet): built, then rebuilt after a
// source-only edit. With the original Dockerfile (`COPY . .` then `go build`) the rebuild downloads the
// module again; reorder-copy adds `COPY go.mod go.sum ./` + `RUN go mod download` before the sources, and
// that step is CACHED on the rebuild, which downloads nothing. Both images print the same line.
// Needs Docker: set MSB_DOCKER (e.g. /usr/bin/docker); the test skips with a message otherwise.
import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { afterAll, describe, expect, test } from "vitest";
import { fsContext } from "../src/core/context.js";
import { optimize } from "../src/core/pipeline.js";
import { DOCKER, dockerEnv, dockerSkipReason, prepareVariant } from "./support/docker-env.js";

const FIXTURE = join(import.meta.dirname, "apps", "go-prefetch");
const env = dockerEnv;
const skipReason = dockerSkipReason();
if (skipReason) console.warn(`reorder-copy Go prefetch build test skipped: ${skipReason}`);

/** A zip archive with stored (uncompressed) entries: what a Go module proxy serves as `<version>.zip`. */
export function storedZip(entries: readonly { name: string; data: Buffer }[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const file = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x21, 12); // 1980-01-01: same bytes on every run
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(file.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x21, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(data.length, 24);
    header.writeUInt16LE(file.length, 28);
    header.writeUInt32LE(offset, 42);
    parts.push(local, file, data);
    central.push(header, file);
    offset += local.length + file.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** Lay out `example.com/greet@v1.0.0` as a GOPROXY folder under `context/goproxy`. */
function writeProxy(context: string): void {
  const at = join(context, "goproxy", "example.com", "greet", "@v");
  mkdirSync(at, { recursive: true });
  const mod = readFileSync(join(FIXTURE, "greet", "go.mod"));
  const src = readFileSync(join(FIXTURE, "greet", "greet.go"));
  writeFileSync(join(at, "list"), "v1.0.0\n");
  writeFileSync(join(at, "v1.0.0.info"), '{"Version":"v1.0.0","Time":"2024-01-01T00:00:00Z"}\n');
  writeFileSync(join(at, "v1.0.0.mod"), mod);
  const prefix = "example.com/greet@v1.0.0/";
  writeFileSync(
    join(at, "v1.0.0.zip"),
    storedZip([
      { name: `${prefix}go.mod`, data: mod },
      { name: `${prefix}greet.go`, data: src },
    ]),
  );
}

function build(dockerfile: string, context: string, tag: string): string {
  const r = spawnSync(DOCKER!, ["build", "--network=none", "--progress=plain", "-f", dockerfile, "-t", tag, context], {
    env,
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  const output = `${r.stdout}${r.stderr}`;
  if (r.status !== 0) throw new Error(`docker build ${tag} failed:\n${output}`);
  return output;
}

/** Was the step whose command starts with `command` CACHED in this `--progress=plain` log? */
function stepCached(log: string, command: string): boolean {
  const step = log
    .split("\n")
    .map((line) => /^#(\d+) \[[^\]]*\] (.*)$/.exec(line))
    .find((m) => m?.[2].startsWith(command));
  if (!step) throw new Error(`no step \`${command}\` in the build log:\n${log}`);
  return new RegExp(`^#${step[1]} CACHED$`, "m").test(log);
}

describe("storedZip", () => {
  test("writes the zip signatures and one central entry per file", () => {
    const zip = storedZip([{ name: "a/b.txt", data: Buffer.from("hi") }]);
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    expect(zip.readUInt32LE(zip.length - 22)).toBe(0x06054b50);
    expect(zip.readUInt16LE(zip.length - 12)).toBe(1);
    expect(zip.includes(Buffer.from("a/b.txthi"))).toBe(true);
  });
});

const tags: string[] = [];
afterAll(() => {
  if (tags.length > 0) spawnSync(DOCKER!, ["image", "rm", "-f", ...tags], { env });
});

describe.skipIf(skipReason !== null)("reorder-copy adds `go mod download` (BuildKit)", () => {
  test("a source-only edit downloads the module again with the original Dockerfile, not with the optimized one", async () => {
    const work = mkdtempSync(join(tmpdir(), "msb-go-prefetch-"));
    try {
      const app = join(work, "app");
      cpSync(join(FIXTURE, "app"), app, { recursive: true });
      writeProxy(app);
      const original = readFileSync(join(app, "Dockerfile"), "utf8");
      const result = await optimize(original, { passes: ["reorder-copy"], context: fsContext(app), syntaxDirective: "never" });
      expect(result.output).toContain("COPY goproxy /goproxy\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n");
      expect(result.changes.map((n) => n.message)).toEqual([expect.stringContaining("Added a prefetch step `go mod download`")]);
      const logs: Record<string, { cold: string; warm: string }> = {};
      const outputs: Record<string, string> = {};
      for (const [name, text] of Object.entries({ original, optimized: result.output })) {
        const { context, dockerfile } = prepareVariant(work, name, app, text);
        const tag = `msb-go-prefetch-${name}-${process.pid}`;
        tags.push(tag);
        const cold = build(dockerfile, context, tag);
        // A source-only edit, unique to this run so that an earlier run's cache cannot hide the download.
        appendFileSync(join(context, "main.go"), `// edited ${Date.now()}\n`);
        logs[name] = { cold, warm: build(dockerfile, context, tag) };
        const run = spawnSync(DOCKER!, ["run", "--rm", "--network=none", tag], { env, encoding: "utf8" });
        expect(run.status, run.stderr).toBe(0);
        outputs[name] = run.stdout.trim();
      }
      const downloads = (log: string) => /go: downloading example\.com\/greet v1\.0\.0/.test(log);
      console.log(
        "reorder-copy Go prefetch, rebuild after a source edit:\n" +
          `  original: go build ${downloads(logs.original.warm) ? "downloaded example.com/greet again" : "downloaded nothing"}\n` +
          `  optimized: RUN go mod download ${stepCached(logs.optimized.warm, "RUN go mod download") ? "CACHED" : "re-ran"}, go build ${downloads(logs.optimized.warm) ? "downloaded again" : "downloaded nothing"}`,
      );
      expect(outputs.original).toBe("hello, prefetch");
      expect(outputs.optimized).toBe(outputs.original);
      expect(downloads(logs.original.warm), "the original rebuild downloads the module again").toBe(true);
      expect(stepCached(logs.optimized.warm, "RUN go mod download"), "the prefetch step stays cached").toBe(true);
      expect(downloads(logs.optimized.warm), "the optimized rebuild downloads nothing").toBe(false);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 600_000);
});
