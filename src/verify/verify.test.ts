// verify without an engine: a docker client that answers `info` but cannot reach its engine for a build is an
// environment error (the CLI exits 2 with what to check), never "the original does not build".
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, test } from "vitest";
import { Docker } from "./docker.js";
import { pickSourceFile } from "./rebuild.js";
import { DockerEnvironmentError, verify } from "./verify.js";

function fakeDocker(buildError: string): { docker: Docker; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "msb-fake-docker-"));
  const bin = join(dir, "docker");
  writeFileSync(
    bin,
    `#!/bin/sh\ncase "$1" in\n  info) echo 27.0.0 ;;\n  build) echo '${buildError}' >&2; exit 1 ;;\n  *) exit 0 ;;\nesac\n`,
  );
  chmodSync(bin, 0o755);
  writeFileSync(join(dir, "Dockerfile"), "FROM debian:bookworm\nRUN echo a\nRUN echo b\n");
  return { docker: new Docker({ bin }), dir };
}

const settings = { offline: true, syntaxDirective: "never" as const };

describe("verify and the docker environment", () => {
  test("an engine the client cannot reach is an environment error", async () => {
    const { docker, dir } = fakeDocker("ERROR: error during connect: Head http://docker/_ping: dial unix /x.sock: connect: no such file");
    await expect(verify({ docker, dockerfile: join(dir, "Dockerfile"), context: dir, settings })).rejects.toThrow(DockerEnvironmentError);
  });

  test("a Dockerfile that fails to build is a verdict, not an environment error", async () => {
    const { docker, dir } = fakeDocker('ERROR: process "/bin/sh -c echo a" did not complete successfully: exit code: 1');
    const r = await verify({ docker, dockerfile: join(dir, "Dockerfile"), context: dir, settings });
    expect(r.verdict).toBe("not-equivalent");
    expect(r.reasons.map((x) => x.id)).toEqual(["originalBuild"]);
  });

  test("a RUN whose own command cannot connect (npm's ECONNREFUSED) failed the Dockerfile, a full disk the engine", async () => {
    const npm = fakeDocker(
      'npm error code ECONNREFUSED\nnpm error connect ECONNREFUSED 127.0.0.1:4873 connection refused\nERROR: process "/bin/sh -c echo a" did not complete successfully: exit code: 1',
    );
    const r = await verify({ docker: npm.docker, dockerfile: join(npm.dir, "Dockerfile"), context: npm.dir, settings });
    expect(r.reasons.map((x) => x.id)).toEqual(["originalBuild"]);
    const disk = fakeDocker(
      'write /var/lib/docker/x: no space left on device\nERROR: process "/bin/sh -c echo a" did not complete successfully: exit code: 1',
    );
    await expect(verify({ docker: disk.docker, dockerfile: join(disk.dir, "Dockerfile"), context: disk.dir, settings })).rejects.toThrow(
      DockerEnvironmentError,
    );
  });

  test("the verdict is handed over before the images are removed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "msb-fake-docker-"));
    const bin = join(dir, "docker");
    const log = join(dir, "calls.log");
    writeFileSync(
      bin,
      `#!/bin/sh\necho "$1 $2" >> ${log}\ncase "$1" in\n  info) echo 27.0.0 ;;\n  build) echo 'ERROR: exit code: 1' >&2; exit 1 ;;\n  *) exit 0 ;;\nesac\n`,
    );
    chmodSync(bin, 0o755);
    writeFileSync(join(dir, "Dockerfile"), "FROM debian:bookworm\nRUN echo a\nRUN echo b\n");
    const calls = () => readFileSync(log, "utf8").trim().split("\n");
    let atVerdict: string[] = [];
    const r = await verify({
      docker: new Docker({ bin }),
      dockerfile: join(dir, "Dockerfile"),
      context: dir,
      settings,
      onVerdict: (v) => {
        expect(v.verdict).toBe("not-equivalent");
        atVerdict = calls();
      },
    });
    expect(r.verdict).toBe("not-equivalent");
    expect(atVerdict).toContain("build --progress=plain");
    expect(atVerdict).not.toContain("image rm");
    expect(calls()).toContain("image rm");
  });

  test("both sides build at once unless timing is asked; the optimized build stops when the original fails", async () => {
    const dir = mkdtempSync(join(tmpdir(), "msb-fake-docker-"));
    const bin = join(dir, "docker");
    const log = join(dir, "calls.log");
    // The original (its file named) fails after a while; the rewrite (`-f -`) would take a minute unless stopped.
    writeFileSync(
      bin,
      `#!/bin/sh\ncase "$1" in\n  info) echo 27.0.0 ;;\n  build) case "$*" in\n    *" -f - "*) echo "start optimized" >> ${log}; exec sleep 60 ;;\n    *) echo "start original" >> ${log}; sleep 1; echo "end original" >> ${log}; echo 'ERROR: exit code: 1' >&2; exit 1 ;;\n  esac ;;\n  *) exit 0 ;;\nesac\n`,
    );
    chmodSync(bin, 0o755);
    writeFileSync(join(dir, "Dockerfile"), "FROM debian:bookworm\nRUN echo a\nRUN echo b\n");
    const run = async (timing: boolean) => {
      writeFileSync(log, "");
      const start = Date.now();
      const r = await verify({ docker: new Docker({ bin }), dockerfile: join(dir, "Dockerfile"), context: dir, settings, timing });
      expect(Date.now() - start).toBeLessThan(20_000);
      expect(r.reasons.map((x) => x.id)).toEqual(["originalBuild"]);
      return readFileSync(log, "utf8").trim().split("\n");
    };
    expect((await run(false)).slice(0, 2).sort()).toEqual(["start optimized", "start original"]);
    expect(await run(true)).toEqual(["start original", "end original"]);
  });

  test("the optimized image's server starts as soon as it has built; when the original then fails, its wait ends at once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "msb-fake-docker-"));
    const bin = join(dir, "docker");
    const log = join(dir, "calls.log");
    // The rewrite (`-f -`) builds at once; the original fails after a second. Every image exposes 8000, where
    // nothing answers: without an end to its wait, the readiness wait would last its whole bound (30 s).
    const image = `{"Id":"sha256:1","Size":1,"Config":{"ExposedPorts":{"8000/tcp":{}}},"RootFS":{"Layers":[]}}`;
    writeFileSync(
      bin,
      `#!/bin/sh
case "$1" in
  info) echo engine ;;
  build) case "$*" in
    *" -f - "*) echo "built optimized" >> ${log} ;;
    *) sleep 1; echo "end original" >> ${log}; echo 'ERROR: exit code: 1' >&2; exit 1 ;;
  esac ;;
  image) if [ "$2" = inspect ]; then shift 2; sep=""; printf "["; for i in "$@"; do printf '%s%s' "$sep" '${image}'; sep=","; done; echo "]"; fi ;;
  run) echo "server started" >> ${log}; echo id ;;
  *) exit 0 ;;
esac
`,
    );
    chmodSync(bin, 0o755);
    writeFileSync(join(dir, "Dockerfile"), "FROM debian:bookworm\nRUN echo a\nRUN echo b\n");
    const start = Date.now();
    const r = await verify({ docker: new Docker({ bin }), dockerfile: join(dir, "Dockerfile"), context: dir, settings, bisect: false });
    expect(r.reasons.map((x) => x.id)).toEqual(["originalBuild"]);
    expect(Date.now() - start).toBeLessThan(15_000);
    expect(readFileSync(log, "utf8").trim().split("\n")).toEqual(["built optimized", "server started", "end original"]);
  });

  test("the original builds while the rewrite is made; with nothing to verify its build is stopped and its tag removed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "msb-fake-docker-"));
    const bin = join(dir, "docker");
    const log = join(dir, "calls.log");
    // A build that would take a minute unless stopped.
    writeFileSync(bin, `#!/bin/sh\necho "$*" >> ${log}\ncase "$1" in\n  build) exec sleep 60 ;;\n  *) exit 0 ;;\nesac\n`);
    chmodSync(bin, 0o755);
    const text = "FROM debian:bookworm\nRUN echo a\n";
    writeFileSync(join(dir, "Dockerfile"), text);
    const start = Date.now();
    const r = await verify({ docker: new Docker({ bin }), dockerfile: join(dir, "Dockerfile"), context: dir, settings, candidate: text });
    expect(r.verdict).toBe("unchanged");
    expect(Date.now() - start).toBeLessThan(20_000);
    // The build was started (and stopped at once: the client may not have got to log its arguments).
    expect(r.timings.buildOriginal).toBeGreaterThanOrEqual(0);
    expect(
      readFileSync(log, "utf8")
        .split("\n")
        .find((c) => c.startsWith("image rm")),
    ).toMatch(/:original$/);
  });
});

describe("the warm rebuild's source edit", () => {
  test("edits a source, not a build tool's settings file, which would start the tool's cache afresh", () => {
    const dir = mkdtempSync(join(tmpdir(), "msb-edit-"));
    for (const [path, text] of [
      ["next.config.js", "module.exports = {};\n"],
      ["package.json", "{}\n"],
      ["pages/index.js", "export default () => null;\n"],
    ]) {
      mkdirSync(join(dir, dirname(path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    expect(pickSourceFile(dir)).toBe(join(dir, "pages/index.js"));
    rmSync(join(dir, "pages"), { recursive: true });
    expect(pickSourceFile(dir)).toBe(join(dir, "next.config.js"));
  });
});
