import { describe, expect, test } from "vitest";
import type { Finding } from "./closure.js";
import { EMPTY_CONFIG } from "./contract.js";
import type { ImageConfig } from "./docker.js";
import { type FsEntry, ImageFs } from "./image-fs.js";
import { sharedFindings } from "./shared-findings.js";

const file = (text: string): FsEntry => ({
  type: "file",
  mode: 0o644,
  uid: 0,
  gid: 0,
  size: text.length,
  link: null,
  data: Buffer.from(text),
});
const listed = (entry: FsEntry): FsEntry => ({ ...entry, data: null });
function image(entries: Record<string, FsEntry>): ImageFs {
  const fs = new ImageFs();
  for (const [p, e] of Object.entries(entries)) fs.entries.set(p, e);
  return fs;
}

const config: ImageConfig = { ...EMPTY_CONFIG, Cmd: ["node", "server.js"], WorkingDir: "/app", Env: ["PATH=/usr/local/bin:/usr/bin"] };
const SCRIPT = "/app/node_modules/libpq/test/copy-in.js";
const script = file('pq.exec("COPY t FROM STDIN"); execFile("psql");\n');
const pkg = file('{"name":"app"}');
const optimized = { fs: image({ "/app/package.json": pkg, [SCRIPT]: script }), config };
const missing = (program: string, by = `\`${SCRIPT}\``): Finding => ({
  key: `prog:${program}`,
  id: "missingProgram",
  data: { program, by },
});

/** The original image as the fake engine shows it: its files, and which paths are regular files. */
function original(files: Record<string, FsEntry>, programs: readonly string[] = [], stored = true) {
  const asked: string[][] = [];
  const docker = {
    exportPaths: async (_tag: string, paths: readonly string[]) =>
      image(Object.fromEntries(paths.filter((p) => files[p]).map((p) => [p, files[p]]))),
    regularFiles: async (_tag: string, paths: readonly string[]) => {
      asked.push([...paths]);
      return new Map(paths.map((p) => [p, programs.includes(p)]));
    },
  };
  const fs = image(stored ? Object.fromEntries(Object.entries(files).map(([p, e]) => [p, listed(e)])) : {});
  return { docker, view: { tag: "original", config, fs }, asked };
}

describe("sharedFindings", () => {
  test("a program that the same script names and neither image has is shared: no whole export", async () => {
    const o = original({ "/app/package.json": pkg, [SCRIPT]: script });
    const found = [missing("COPY"), missing("psql")];
    expect(await sharedFindings(o.docker, o.view, optimized, found)).toEqual(found);
    expect(o.asked).toEqual([["/usr/local/bin/COPY", "/usr/bin/COPY", "/usr/local/bin/psql", "/usr/bin/psql"]]);
  });

  test("a program the original has is not shared: the split lost it", async () => {
    const o = original({ "/app/package.json": pkg, [SCRIPT]: script }, ["/usr/bin/psql"]);
    expect(await sharedFindings(o.docker, o.view, optimized, [missing("COPY"), missing("psql")])).toEqual([missing("COPY")]);
  });

  test("undecided (the original is read whole): another script text, another package.json, a link, another kind", async () => {
    const differs = original({ "/app/package.json": pkg, [SCRIPT]: file('execFile("psql", ["-c"]);\n') });
    expect(await sharedFindings(differs.docker, differs.view, optimized, [missing("psql")])).toBeNull();
    const otherPkg = original({ "/app/package.json": file('{"name":"app","scripts":{"build":"node x.js"}}'), [SCRIPT]: script });
    expect(await sharedFindings(otherPkg.docker, otherPkg.view, optimized, [missing("psql")])).toBeNull();
    // Reached through a symbolic link in the original: its scan of stored files does not read it.
    const linked = original({ "/app/package.json": pkg, [SCRIPT]: script }, [], false);
    expect(await sharedFindings(linked.docker, linked.view, optimized, [missing("psql")])).toBeNull();
    const o = original({ "/app/package.json": pkg, [SCRIPT]: script });
    const library: Finding = {
      key: `lib:/app/a.node:libpq.so.5`,
      id: "missingLibrary",
      data: { file: "/app/a.node", library: "libpq.so.5" },
    };
    expect(await sharedFindings(o.docker, o.view, optimized, [missing("psql"), library])).toBeNull();
    const healthOptimized = { ...optimized, config: { ...config, Healthcheck: { Test: ["CMD-SHELL", "curl -f localhost || exit 1"] } } };
    expect(await sharedFindings(o.docker, o.view, healthOptimized, [missing("curl", "the HEALTHCHECK")])).toBeNull();
    const otherCmd = { ...o.view, config: { ...config, Cmd: ["node", "main.js"] } };
    expect(await sharedFindings(o.docker, otherCmd, optimized, [missing("psql")])).toBeNull();
  });

  test("programs the config or an npm script names: the same config, the same lookup", async () => {
    const o = original({ "/app/package.json": pkg, [SCRIPT]: script }, ["/app/node_modules/.bin/pm2-runtime"]);
    const found = [
      missing("tini", "the ENTRYPOINT/CMD"),
      missing("curl", "the HEALTHCHECK"),
      missing("pm2-runtime", "the npm script `start`"),
    ];
    // The original's pm2-runtime is there (in node_modules/.bin, where npm start finds it): only that one is new.
    expect(await sharedFindings(o.docker, o.view, optimized, found)).toEqual(found.slice(0, 2));
    expect(o.asked[0]).toContain("/app/node_modules/.bin/pm2-runtime");
    expect(o.asked[0]).not.toContain("/app/node_modules/.bin/tini");
  });

  test("no engine socket to ask: undecided", async () => {
    const o = original({ "/app/package.json": pkg, [SCRIPT]: script });
    const docker = { ...o.docker, regularFiles: async () => null };
    expect(await sharedFindings(docker, o.view, optimized, [missing("psql")])).toBeNull();
  });
});
