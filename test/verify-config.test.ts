// `dockerHosts` in `.msb-opt.json` picks the engines of `verify` and `batch --verify`, and `--docker-host` wins:
// shown without a remote engine, by endpoints that do not exist and the error that names the one used.
// Needs only a docker client binary (no engine): MSB_DOCKER, else `docker` on PATH.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ROOT } from "./support/golden.js";

const CLIENT = process.env.MSB_DOCKER ?? (spawnSync("docker", ["--version"]).status === 0 ? "docker" : null);

function app(): string {
  const dir = mkdtempSync(join(tmpdir(), "msb-verify-config-"));
  writeFileSync(join(dir, "Dockerfile"), "FROM debian:bookworm\nRUN echo a > /a\nRUN echo b > /b\n");
  writeFileSync(join(dir, ".msb-opt.json"), JSON.stringify({ dockerHosts: ["unix:///nonexistent/from-config.sock"] }));
  return dir;
}

function msbOpt(cwd: string, args: string[]) {
  const env: Record<string, string | undefined> = { ...process.env, CI: "true", MSB_DOCKER: CLIENT ?? "docker" };
  delete env.DOCKER_HOST;
  delete env.DOCKER_CONTEXT;
  return spawnSync(process.execPath, [join(ROOT, "bin/msb-opt.js"), ...args], { cwd, encoding: "utf8", env, timeout: 120_000 });
}

describe.skipIf(!CLIENT)("docker hosts from the config file", () => {
  test("verify builds on the config's engine; --docker-host wins", () => {
    const dir = app();
    const fromConfig = msbOpt(dir, ["verify", "--offline", "Dockerfile"]);
    expect(fromConfig.status).toBe(2);
    expect(fromConfig.stderr).toContain("unix:///nonexistent/from-config.sock");
    const fromFlag = msbOpt(dir, ["verify", "--offline", "--docker-host", "unix:///nonexistent/from-flag.sock", "Dockerfile"]);
    expect(fromFlag.status).toBe(2);
    expect(fromFlag.stderr).toContain("unix:///nonexistent/from-flag.sock");
    expect(fromFlag.stderr).not.toContain("from-config");
  });

  test("msb-opt FILE --verify builds on the config's engine too", () => {
    const r = msbOpt(app(), ["--verify", "--offline", "Dockerfile"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("no Docker engine found at unix:///nonexistent/from-config.sock");
  });

  test("batch --verify spreads over the config's engines; --docker-host wins", () => {
    const dir = app();
    const fromConfig = msbOpt(dir, ["batch", "--verify", "--offline", "."]);
    expect(fromConfig.status).toBe(2);
    expect(fromConfig.stderr).toContain("no Docker engine at unix:///nonexistent/from-config.sock");
    const fromFlag = msbOpt(dir, ["batch", "--verify", "--offline", "--docker-host", "unix:///nonexistent/from-flag.sock", "."]);
    expect(fromFlag.stderr).toContain("no Docker engine at unix:///nonexistent/from-flag.sock");
  });

  test("a bad endpoint in the config is an error with file:line", () => {
    const dir = app();
    writeFileSync(join(dir, ".msb-opt.json"), '{\n  "dockerHosts": ["http:/oops"]\n}\n');
    const r = msbOpt(dir, ["batch", "--verify", "--offline", "."]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${join(dir, ".msb-opt.json")}:2: \`dockerHosts\` names "http:/oops"`);
  });
});
