// The CLI as users run it: the built bundle (bin/msb-opt.js → dist/), spawned as a process.
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { PASSES } from "../passes/index.js";
import { ROOT } from "./support/golden.js";

const BIN = join(ROOT, "bin", "msb-opt.js");

function msbOpt(args: string[], input?: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...env },
    cwd: ROOT,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const PLAIN = 'FROM debian:bookworm\n# keep me\nRUN echo hi \\\n  && echo there\nCMD ["bash"]\n';

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist", "cli.cjs"))) throw new Error("dist/ is missing: run `node scripts/build.mjs` (npm test does)");
});

describe("msb-opt CLI", () => {
  test("--version and --help", () => {
    expect(msbOpt(["--version"]).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const help = msbOpt(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Examples:");
  });

  test("reads standard input with -, and leaves what no pass touches byte for byte", () => {
    const skipAll = PASSES.length > 0 ? ["--skip", PASSES.map((p) => p.id).join(",")] : [];
    const r = msbOpt([...skipAll, "-"], PLAIN);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(PLAIN);
  });

  test("a bad Dockerfile: exit 2, file:line in the error, nothing on stdout", () => {
    const r = msbOpt(["-"], "FROM debian\nRUNN x\n");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("msb-opt: <stdin>:2: unknown instruction: RUNN\n");
  });

  test("errors write nothing to -o", () => {
    const dir = mkdtempSync(join(tmpdir(), "msb-cli-"));
    writeFileSync(join(dir, "Dockerfile"), "RUN x\nFROM debian\n");
    const out = join(dir, "out.Dockerfile");
    const r = msbOpt([join(dir, "Dockerfile"), "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, "Dockerfile")}:1: RUN comes before the first FROM`);
    expect(existsSync(out)).toBe(false);
  });

  test("-o writes the result", () => {
    const dir = mkdtempSync(join(tmpdir(), "msb-cli-"));
    writeFileSync(join(dir, "Dockerfile"), PLAIN);
    const out = join(dir, "out.Dockerfile");
    const r = msbOpt([join(dir, "Dockerfile"), "-o", out, "-q"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(existsSync(out)).toBe(true);
    expect(msbOpt([out, "--check", "-q"]).code).toBe(0);
    expect(readFileSync(out, "utf8").length).toBeGreaterThan(0);
  });

  test("-o with --check, --diff or --format json: exit 2 naming both, nothing written", () => {
    const dir = mkdtempSync(join(tmpdir(), "msb-cli-"));
    writeFileSync(join(dir, "Dockerfile"), PLAIN);
    const out = join(dir, "out.Dockerfile");
    for (const other of [["--check"], ["--diff"], ["--format", "json"]]) {
      const r = msbOpt([join(dir, "Dockerfile"), "-o", out, ...other]);
      expect(r).toMatchObject({ code: 2, stdout: "" });
      expect(r.stderr).toMatch(new RegExp(`^msb-opt: -o writes the optimized Dockerfile, and ${other.join(" ")} `));
      expect(existsSync(out)).toBe(false);
    }
  });

  test.skipIf(!existsSync("/dev/zero"))("a device that never ends (/dev/zero) is refused, not read forever", () => {
    const r = msbOpt(["/dev/zero"]);
    expect(r).toMatchObject({ code: 2, stdout: "" });
    expect(r.stderr).toMatch(/^msb-opt: \/dev\/zero:1: the file is too large/);
  });

  test("missing file, unknown pass, unknown option: exit 2", () => {
    expect(msbOpt(["no/such/Dockerfile"])).toMatchObject({ code: 2, stdout: "", stderr: "msb-opt: no/such/Dockerfile: no such file\n" });
    expect(msbOpt(["--passes", "no-such-pass", "-"], PLAIN)).toMatchObject({ code: 2, stdout: "" });
    expect(msbOpt(["--explain", "no-such-pass"]).code).toBe(2);
    expect(msbOpt(["--bogus"]).code).toBe(2);
  });

  test("a flag beats .msb-opt.json; a selection nothing is left of is exit 2 naming both sources", () => {
    const dir = mkdtempSync(join(tmpdir(), "msb-cli-config-"));
    mkdirSync(join(dir, ".git"));
    writeFileSync(join(dir, "Dockerfile"), "FROM debian:bookworm\nRUN apt-get update\nRUN apt-get install -y curl\n");
    writeFileSync(join(dir, ".msb-opt.json"), JSON.stringify({ skip: ["merge-run"] }));
    const run = msbOpt(["--passes", "merge-run", "--diff", join(dir, "Dockerfile")]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("merge-run: Merged 2 RUN instructions");
    writeFileSync(join(dir, ".msb-opt.json"), JSON.stringify({ passes: ["merge-run"], cacheMounts: true }));
    const off = msbOpt(["--print-config", "--no-cache-mounts", join(dir, "Dockerfile")]);
    expect(JSON.parse(off.stdout).settings).toEqual({ passes: ["merge-run"], cacheMounts: false });
    const none = msbOpt(["--skip", "merge-run", join(dir, "Dockerfile")]);
    expect(none).toMatchObject({ code: 2, stdout: "" });
    expect(none.stderr).toBe(
      `msb-opt: no pass left to run: \`${join(dir, ".msb-opt.json")}\` selects merge-run, which the command line skips\n`,
    );
  });

  test("--today takes only a day that exists: 2026-13-45 and 2026-02-30 are exit 2, 2028-02-29 is a day", () => {
    const file = join(mkdtempSync(join(tmpdir(), "msb-cli-today-")), "Dockerfile");
    writeFileSync(file, PLAIN);
    for (const day of ["2026-13-45", "2026-02-30", "2027-02-29", "2026-04-31"]) {
      const r = msbOpt(["--offline", "--today", day, file]);
      expect(r, day).toMatchObject({ code: 2, stdout: "" });
      expect(r.stderr).toContain("a date that exists (YYYY-MM-DD)");
    }
    expect(msbOpt(["--offline", "--today", "2028-02-29", file]).code).toBe(0);
  });

  test(".msb-opt.json saved with a byte order mark is read; --config naming a folder says so", () => {
    const dir = mkdtempSync(join(tmpdir(), "msb-cli-config-bom-"));
    mkdirSync(join(dir, ".git"));
    writeFileSync(join(dir, "Dockerfile"), "FROM debian:bookworm\nRUN apt-get update\nRUN apt-get install -y curl\n");
    writeFileSync(join(dir, ".msb-opt.json"), `\uFEFF${JSON.stringify({ passes: ["merge-run"] })}`);
    const r = msbOpt(["--print-config", join(dir, "Dockerfile")]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).settings).toEqual({ passes: ["merge-run"] });
    const folder = msbOpt(["--config", dir, join(dir, "Dockerfile")]);
    expect(folder).toMatchObject({ code: 2, stdout: "" });
    expect(folder.stderr).toBe(`msb-opt: ${dir}: is a folder; give the path of a .msb-opt.json file\n`);
  });

  test("a line indented with a no-break space or a form feed (BuildKit builds it): exit 0, the file as it was, a note", () => {
    for (const text of [
      "FROM debian:bookworm\n\u00a0RUN echo ok\n\v\nRUN echo two\n",
      "FROM debian:bookworm\n\f\nRUN echo a\nRUN echo b\n",
    ]) {
      const r = msbOpt(["--offline", "-"], text);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(text);
      expect(r.stderr).toMatch(/<stdin>:2 parse: Left the file unchanged: it has a line indented with U\+00(A0|0C)/);
    }
  });

  test("--format json has output, diff, files, changes and refusals", () => {
    const r = msbOpt(["--format", "json", "-"], PLAIN);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json).sort()).toEqual(["changes", "diff", "files", "output", "refusals"]);
    for (const n of [...json.changes, ...json.refusals]) expect(Object.keys(n).sort()).toEqual(["line", "message", "pass"]);
  });

  test("--list-passes prints every pass, id first, in pipeline order", () => {
    const r = msbOpt(["--list-passes"]);
    expect(r.code).toBe(0);
    expect(
      r.stdout
        .split("\n")
        .filter(Boolean)
        .map((l) => l.split("\t")[0]),
    ).toEqual(PASSES.map((p) => p.id));
  });

  test("a file msb-opt cannot place is left alone with a reason", () => {
    const text = "# syntax=x # escape=`\nFROM debian\nRUN echo hi\n";
    const r = msbOpt(["-"], text);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(text);
    expect(r.stderr).toMatch(/^<stdin>:\d+ parse: Left the file unchanged/);
  });

  test("warns once when DOCKER_BUILDKIT=0 would ignore a msb-opt syntax line", () => {
    const text = "# syntax=localhost/msb-opt:dev\nFROM debian\n";
    const warned = msbOpt(["-q", "-"], text, { DOCKER_BUILDKIT: "0" });
    expect(warned.stderr.match(/warning: <stdin> names msb-opt/g)).toHaveLength(1);
    expect(msbOpt(["-q", "-"], text, { DOCKER_BUILDKIT: "1" }).stderr).toBe("");
    expect(msbOpt(["-q", "-"], "# syntax=docker/dockerfile:1\nFROM debian\n", { DOCKER_BUILDKIT: "0" }).stderr).toBe("");
  });

  test("an internal error (a pass that throws) is told apart from bad input: exit 3, a report request, the stack only with --debug", () => {
    const naive = "FROM debian:bookworm\nRUN apt-get update\nRUN apt-get install -y curl\n";
    const env = { MSB_OPT_INJECT_FAULT: "merge-run" };
    const r = msbOpt(["--offline", "-"], naive, env);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).not.toMatch(/<stdin>:\d+:/); // not worded like an input error
    expect(r.stderr).toContain(
      "msb-opt: internal error (a bug in msb-opt, not a problem with the input): fault injected into pass merge-run",
    );
    expect(r.stderr).toContain("please report it at https://github.com/msb-opt/msb-opt/issues");
    expect(r.stderr).not.toMatch(/^\s+at /m);
    const debug = msbOpt(["--offline", "--debug", "-"], naive, env);
    expect(debug.code).toBe(3);
    expect(debug.stderr).toMatch(/^\s+at .*run/m);
    // Without the fault, the same input is fine; bad input stays exit 2 with file:line.
    expect(msbOpt(["--offline", "-q", "-"], naive).code).toBe(0);
    expect(msbOpt(["-"], "FROM debian\nRUNN x\n", env).code).toBe(2);
  });

  test("-o onto a symbolic link writes through it; a link to nothing is refused and left alone", () => {
    const dir = mkdtempSync(join(tmpdir(), "msb-cli-"));
    mkdirSync(join(dir, "shared"));
    writeFileSync(join(dir, "shared", "Dockerfile"), "old\n");
    symlinkSync("shared/Dockerfile", join(dir, "out.Dockerfile"));
    const r = msbOpt(["-o", join(dir, "out.Dockerfile"), "-"], PLAIN);
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(join(dir, "out.Dockerfile")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, "out.Dockerfile"))).toBe("shared/Dockerfile");
    expect(readFileSync(join(dir, "shared", "Dockerfile"), "utf8")).toBe(PLAIN);
    symlinkSync("gone/Dockerfile", join(dir, "dangling"));
    const dangling = msbOpt(["-o", join(dir, "dangling"), "-"], PLAIN);
    expect(dangling.code).toBe(2);
    expect(dangling.stderr).toContain("symbolic link to gone/Dockerfile, which does not exist");
    expect(lstatSync(join(dir, "dangling")).isSymbolicLink()).toBe(true);
  });

  test("notes and errors never print terminal escape sequences from the file or its name", () => {
    // The image name reaches a pin-tags note; the file name reaches a parse error.
    const r = msbOpt(["--offline", "-"], "FROM debian:bookworm\x1b]0;pwned\x07\x1b[2J\nRUN echo hi\n");
    expect(r.stderr).toContain("pin-tags: Left `debian:bookworm` unpinned");
    const dir = mkdtempSync(join(tmpdir(), "msb-cli-"));
    const evil = join(dir, "Dockerfile\x1b[31m\r");
    writeFileSync(evil, "FROM debian\nRUNN x\n");
    const bad = msbOpt([evil], undefined);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Dockerfile\uFFFD:2: ");
    for (const out of [r.stderr, bad.stderr]) for (const c of ["\x1b", "\x07", "\r"]) expect(out).not.toContain(c);
  });
});
