import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { dockerignoreFor, fsContext, ignoreFileOf, memoryContext, watchFailures } from "./context.js";
import { withDockerignore } from "./dockerignore.js";
import { optimize } from "./pipeline.js";

const CASE = join(import.meta.dirname, "../../testdata/split-stages/node-express-npm-ci");

/** The golden case's context, with `package.json` replaced by a symbolic link that loops (unreadable, even as root). */
function contextWithUnreadableManifest(): string {
  const dir = mkdtempSync(join(tmpdir(), "msb-ctx-"));
  for (const f of ["Dockerfile", "package-lock.json"]) writeFileSync(join(dir, f), readFileSync(join(CASE, f)));
  symlinkSync("package.json", join(dir, "package.json"));
  return dir;
}

describe("fsContext read failures", () => {
  test("a missing path is absent; an unreadable one is absent and says why", () => {
    const dir = contextWithUnreadableManifest();
    const ctx = fsContext(dir);
    expect(ctx.read("nothing-here")).toBeNull();
    expect(ctx.failure?.("nothing-here")).toBeNull();
    expect(ctx.read("package.json")).toBeNull();
    expect(ctx.failure?.("./package.json")).toBe("ELOOP");
    expect(ctx.list("nothing/there")).toEqual([]);
    expect(ctx.failure?.("nothing/there")).toBeNull();
  });

  test("missing paths, paths under a file and folders answer as absent, without a failure", () => {
    const ctx = fsContext(contextWithUnreadableManifest());
    for (const path of ["nothing-here", "Dockerfile/inside", "nothing/there/either"]) {
      expect([ctx.read(path), ctx.exists(path), ctx.failure?.(path)]).toEqual([null, false, null]);
    }
    expect([ctx.read("."), ctx.exists("."), ctx.failure?.(".")]).toEqual([null, true, null]);
    expect(ctx.exists("Dockerfile")).toBe(true);
    expect(ctx.read("Dockerfile")).toContain("FROM");
  });

  test("watchFailures reports each access to an unreadable path, cached answers too", () => {
    const seen: string[] = [];
    const ctx = watchFailures(fsContext(contextWithUnreadableManifest()), (path, why) => seen.push(`${path} ${why}`));
    ctx.exists("package.json");
    ctx.read("package.json");
    ctx.read("package-lock.json");
    expect(seen).toEqual(["package.json ELOOP", "package.json ELOOP"]);
    const memory = memoryContext({ a: "x" });
    expect(watchFailures(memory, () => {})).toBe(memory);
  });

  test("a pass that meets an unreadable context path declines instead of taking it as missing", async () => {
    const dir = contextWithUnreadableManifest();
    const text = readFileSync(join(dir, "Dockerfile"), "utf8");
    const result = await optimize(text, { context: fsContext(dir), offline: true, passes: ["split-stages"] });
    expect(result.output).toBe(text);
    expect(result.refusals.map((n) => `${n.pass}: ${n.message}`)).toEqual([
      "split-stages: Left the file unchanged by this pass: msb-opt could not read `package.json` in the build context (ELOOP), so it cannot check what the pass needs; make it readable and run again.",
    ]);
  });
});

describe("fsContext asks the file system once per path", () => {
  test("read and exists of the same path share one stat, whatever its spelling", () => {
    const dir = mkdtempSync(join(tmpdir(), "msb-top-"));
    writeFileSync(join(dir, "Dockerfile"), "FROM x\n");
    const ctx = fsContext(dir);
    expect([ctx.read(".dockerignore"), ctx.exists("./.dockerignore"), ctx.failure?.(".dockerignore")]).toEqual([null, false, null]);
    expect([ctx.exists("Dockerfile"), ctx.read("./Dockerfile")]).toEqual([true, "FROM x\n"]);
    expect([ctx.read("."), ctx.exists(".")]).toEqual([null, true]);
  });
});

describe("the ignore file BuildKit reads for a Dockerfile", () => {
  const dir = () => {
    const root = mkdtempSync(join(tmpdir(), "msb-ctx-ignore-"));
    for (const [f, text] of Object.entries({ Dockerfile: "FROM scratch\n", ".npmrc": "x", ".dockerignore": "node_modules\n" }))
      writeFileSync(join(root, f), text);
    return root;
  };

  test("`<Dockerfile>.dockerignore` beside the Dockerfile wins over `.dockerignore`; without it, `.dockerignore`", () => {
    const root = dir();
    expect(dockerignoreFor(join(root, "Dockerfile"), root)).toBe(".dockerignore");
    expect(ignoreFileOf(fsContext(root, join(root, "Dockerfile")))).toBe(".dockerignore");
    writeFileSync(join(root, "Dockerfile.dockerignore"), ".npmrc\n");
    expect(dockerignoreFor(join(root, "Dockerfile"), root)).toBe("Dockerfile.dockerignore");
    const ctx = withDockerignore(fsContext(root, join(root, "Dockerfile")));
    expect(ignoreFileOf(ctx)).toBe("Dockerfile.dockerignore");
    expect(ctx.exists(".npmrc")).toBe(false);
    // Not read: BuildKit uses one ignore file, and this one does not exclude `.dockerignore`'s entries.
    expect(ctx.exists(".dockerignore")).toBe(true);
    expect(withDockerignore(fsContext(root)).exists(".npmrc")).toBe(true);
  });

  test("a Dockerfile outside the context: its own ignore file is read from beside it", () => {
    const root = dir();
    const elsewhere = mkdtempSync(join(tmpdir(), "msb-ctx-ignore-df-"));
    writeFileSync(join(elsewhere, "app.Dockerfile"), "FROM scratch\n");
    writeFileSync(join(elsewhere, "app.Dockerfile.dockerignore"), ".npmrc\n");
    const ctx = fsContext(root, join(elsewhere, "app.Dockerfile"));
    expect(ignoreFileOf(ctx)).toMatch(/^\.\.\/.*\/app\.Dockerfile\.dockerignore$/);
    expect(ctx.read(ignoreFileOf(ctx))).toBe(".npmrc\n");
    expect(withDockerignore(ctx).exists(".npmrc")).toBe(false);
  });
});
