// The CLI's start-up (bin/msb-opt.js): the V8 code cache it keeps for dist/cli.cjs, and the Node modules
// one file's run does not load. Spawns the built bundle, as users run it.
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { ROOT } from "./support/golden.js";

const BIN = join(ROOT, "bin", "msb-opt.js");
const CASE = join(ROOT, "testdata", "split-stages", "c-libpq-dev-closure", "Dockerfile");

function run(args: string[], env: Record<string, string>, nodeArgs: string[] = []) {
  const r = spawnSync(process.execPath, [...nodeArgs, BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...env },
    cwd: ROOT,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const cacheNote = (stderr: string) => /^msb-opt: code cache \S+ (missing|rejected|used)$/m.exec(stderr)?.[1];
const withoutCacheNote = (stderr: string) => stderr.replace(/^msb-opt: code cache .*\n/m, "");

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist", "cli.cjs"))) throw new Error("dist/ is missing: run `node scripts/build.mjs` (npm test does)");
});

describe("code cache", () => {
  test("the first run writes it, the next runs use it, with the same output", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "msb-cache-")), "cache");
    const env = { MSB_OPT_CACHE_DIR: dir, MSB_OPT_DEBUG_CACHE: "1" };
    const first = run(["--offline", CASE], env);
    expect(cacheNote(first.stderr)).toBe("missing");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("FROM debian:bookworm-slim AS runtime");
    // One file, named by the bundle's hash and the Node version; no temporary file left behind.
    expect(readdirSync(dir)).toEqual([expect.stringMatching(new RegExp(`^cli-[0-9a-f]{16}-${process.version}-${process.arch}\\.v8$`))]);
    const second = run(["--offline", CASE], env);
    expect(cacheNote(second.stderr)).toBe("used");
    expect(second.stdout).toBe(first.stdout);
    expect(withoutCacheNote(second.stderr)).toBe(withoutCacheNote(first.stderr));
  });

  test("batch workers keep a cache of their own, written after their first job", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "msb-cache-")), "cache");
    const tree = mkdtempSync(join(tmpdir(), "msb-cache-tree-"));
    // More files than one chunk of work (32), so that both workers get some.
    for (let i = 0; i < 40; i++) {
      mkdirSync(join(tree, `app${i}`));
      writeFileSync(join(tree, `app${i}`, "Dockerfile"), `FROM debian:bookworm\nRUN apt-get update\nRUN apt-get install -y curl\n`);
    }
    const env = { MSB_OPT_CACHE_DIR: dir, MSB_OPT_DEBUG_CACHE: "1", CI: "true" };
    const notes = (stderr: string) =>
      [...stderr.matchAll(/^msb-opt: code cache \S+\/(batch-worker|cli)-\S+ (\w+)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    const first = run(["batch", "--offline", "-q", "--jobs", "2", tree], env);
    expect(first.code).toBe(0);
    // Each worker that started says so (a loaded machine may finish both chunks before the second starts).
    const workers = (stderr: string) => notes(stderr).filter((n) => n.startsWith("batch-worker"));
    expect(notes(first.stderr)[0]).toBe("cli missing");
    expect(workers(first.stderr).length).toBeGreaterThan(0);
    expect(new Set(workers(first.stderr))).toEqual(new Set(["batch-worker missing"]));
    expect(readdirSync(dir).filter((f) => f.startsWith("batch-worker-"))).toEqual([
      expect.stringMatching(new RegExp(`^batch-worker-[0-9a-f]{16}-${process.version}-${process.arch}\\.v8$`)),
    ]);
    const second = run(["batch", "--offline", "-q", "--jobs", "2", tree], env);
    expect(notes(second.stderr)[0]).toBe("cli used");
    expect(workers(second.stderr).length).toBeGreaterThan(0);
    expect(new Set(workers(second.stderr))).toEqual(new Set(["batch-worker used"]));
    expect(second.stderr.replace(/^msb-opt: code cache .*\n/gm, "")).toBe(first.stderr.replace(/^msb-opt: code cache .*\n/gm, ""));
  });

  test("two installs sharing the folder keep both caches; other versions' go once two weeks old", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "msb-cache-")), "cache");
    // Another version: the same bundle under another hash, installed elsewhere.
    const other = mkdtempSync(join(tmpdir(), "msb-other-"));
    cpSync(join(ROOT, "bin"), join(other, "bin"), { recursive: true });
    cpSync(join(ROOT, "dist"), join(other, "dist"), { recursive: true, filter: (src) => !/\.map$|[/\\]types$/.test(src) });
    const bundle = join(other, "dist", "cli.cjs");
    const text = readFileSync(bundle, "latin1");
    const hash = /^\/\/msb-opt-bundle cli ([0-9a-f]{16})\n/.exec(text)?.[1] ?? "";
    const otherHash = [...hash].map((c) => (c === "0" ? "1" : "0")).join("");
    writeFileSync(bundle, text.replace(hash, otherHash), "latin1");
    const env = { MSB_OPT_CACHE_DIR: dir, MSB_OPT_DEBUG_CACHE: "1" };
    const runOther = () =>
      spawnSync(process.execPath, [join(other, "bin", "msb-opt.js"), "--offline", CASE], {
        encoding: "utf8",
        env: { ...process.env, ...env },
      });
    expect(cacheNote(run(["--offline", CASE], env).stderr)).toBe("missing");
    expect(cacheNote(runOther().stderr)).toBe("missing");
    expect(cacheNote(run(["--offline", CASE], env).stderr)).toBe("used");
    expect(cacheNote(runOther().stderr)).toBe("used");
    const hashes = () =>
      readdirSync(dir)
        .map((n) => n.split("-")[1])
        .sort();
    expect(hashes()).toEqual([hash, otherHash].sort());
    // Five of other versions: the next write keeps those written within two weeks, drops the older ones (issue 19).
    const old = ["a", "b", "c", "d", "e"].map((c, i) => ({
      name: `cli-${c.repeat(16)}-${process.version}-${process.arch}.v8`,
      hours: [1, 2, 15 * 24, 16 * 24, 20 * 24][i],
    }));
    for (const { name, hours } of old) {
      writeFileSync(join(dir, name), "");
      const t = Date.now() / 1000 - hours * 3600;
      utimesSync(join(dir, name), t, t);
    }
    rmSync(join(dir, readdirSync(dir).find((n) => n.includes(hash)) ?? ""));
    expect(cacheNote(run(["--offline", CASE], env).stderr)).toBe("missing");
    expect(hashes()).toEqual([hash, otherHash, "a".repeat(16), "b".repeat(16)].sort());
  });

  test("--version, --help and errors write none", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "msb-cache-")), "cache");
    expect(run(["--version"], { MSB_OPT_CACHE_DIR: dir }).code).toBe(0);
    expect(run(["--help"], { MSB_OPT_CACHE_DIR: dir }).code).toBe(0);
    expect(run(["--offline", join(ROOT, "no-such-Dockerfile")], { MSB_OPT_CACHE_DIR: dir }).code).toBe(2);
    expect(existsSync(dir)).toBe(false);
  });

  test("a damaged cache is rejected and replaced; the run is unaffected", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "msb-cache-")), "cache");
    const env = { MSB_OPT_CACHE_DIR: dir, MSB_OPT_DEBUG_CACHE: "1" };
    const good = run(["--offline", CASE], env);
    const [name] = readdirSync(dir);
    writeFileSync(join(dir, name), Buffer.alloc(4096, 7));
    const damaged = run(["--offline", CASE], env);
    expect(cacheNote(damaged.stderr)).toBe("rejected");
    expect(damaged.stdout).toBe(good.stdout);
    expect(readFileSync(join(dir, name)).equals(Buffer.alloc(4096, 7))).toBe(false);
    expect(cacheNote(run(["--offline", CASE], env).stderr)).toBe("used");
  });

  test("a folder it cannot write, or caching off: silent, same output", () => {
    const base = mkdtempSync(join(tmpdir(), "msb-cache-"));
    writeFileSync(join(base, "file"), "");
    const readOnly = join(base, "read-only");
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o500);
    const plain = run(["--offline", CASE], { MSB_OPT_CACHE_DIR: "" });
    // root writes into a read-only folder anyway: there only the path under a file is unwritable.
    const unwritable = process.getuid?.() === 0 ? [join(base, "file", "cache")] : [join(base, "file", "cache"), readOnly];
    for (const dir of unwritable) {
      const r = run(["--offline", CASE], { MSB_OPT_CACHE_DIR: dir });
      expect(r).toEqual(plain);
    }
    expect(plain.code).toBe(0);
  });
});

describe("modules one file's run leaves unloaded", () => {
  // A preload that lists, at exit, the Node modules the process loaded.
  const probe = join(mkdtempSync(join(tmpdir(), "msb-probe-")), "probe.cjs");
  writeFileSync(
    probe,
    // The list is taken before writing it: process.stderr itself loads the stream modules.
    'process.on("exit", () => { const list = process.moduleLoadList.filter((m) => m.startsWith("NativeModule ")).join(","); require("node:fs").writeSync(2, `loaded: ${list}\\n`); });\n',
  );
  const loaded = (stderr: string) => new Set((/^loaded: (.*)$/m.exec(stderr)?.[1] ?? "").split(",").map((m) => m.slice(13)));

  test("an --offline run loads no child_process, http, https, crypto, v8, os, stream or net", () => {
    // Its output goes to a pipe (spawnSync's): written without process.stdout's stream.
    const r = run(["--offline", CASE], { MSB_OPT_CACHE_DIR: "" }, ["--require", probe]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("FROM debian:bookworm-slim AS runtime");
    const mods = loaded(r.stderr);
    expect(mods.has("fs")).toBe(true); // the probe works
    for (const m of ["child_process", "http", "https", "crypto", "v8", "os", "stream", "net"]) expect(mods.has(m)).toBe(false);
  });

  test("a run that asks a registry loads http on first use, and it works", async () => {
    // A port that refuses connections: pin-tags' request fails the way a real unreachable registry does.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise((resolve) => server.close(resolve));
    const dir = mkdtempSync(join(tmpdir(), "msb-online-"));
    writeFileSync(join(dir, "Dockerfile"), `FROM 127.0.0.1:${port}/app:1.0\nCMD ["app"]\n`);
    const r = run(["--passes", "pin-tags", join(dir, "Dockerfile")], { MSB_OPT_CACHE_DIR: "" }, ["--require", probe]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/pin-tags: Left `127\.0\.0\.1:\d+\/app:1\.0` unpinned: cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    expect(loaded(r.stderr).has("http")).toBe(true);
  });
});
