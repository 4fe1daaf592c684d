// msb-opt as a `# syntax=` frontend on a real engine: builds msb-opt's image as localhost/msb-opt:dev,
// then the apps in test/apps/frontend through it. Needs MSB_DOCKER (e.g. /usr/bin/docker) and a running
// engine; skipped with a message otherwise.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialectOf } from "../src/frontend/dialect.js";
import { rewrite, summary } from "../src/frontend/rewrite.js";
import { fsContext } from "../src/core/context.js";
import { FARM } from "./support/farm.js";

const ROOT = resolve(import.meta.dirname, "..");
const APPS = join(ROOT, "test", "apps", "frontend");
const IMAGE = "localhost/msb-opt:dev";
const DOCKER = process.env.MSB_DOCKER;
const reachable = DOCKER !== undefined && DOCKER !== "" && spawnSync(DOCKER, ["info"], { stdio: "ignore" }).status === 0;
if (!reachable) {
  console.warn(
    `frontend-engine: skipped: ${DOCKER ? `\`${DOCKER} info\` failed (no engine)` : "MSB_DOCKER is not set"}; set MSB_DOCKER=/usr/bin/docker to run it`,
  );
}

interface Run {
  status: number | null;
  out: string;
}

function docker(args: string[], input?: string): Run {
  const r = spawnSync(DOCKER!, args, { encoding: "utf8", input, env: { ...process.env, DOCKER_BUILDKIT: "1" }, maxBuffer: 64 << 20 });
  return { status: r.status, out: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

function farm(dockerfile: string): void {
  if (existsSync(FARM)) spawnSync(FARM, ["tag-dockerfile", dockerfile], { stdio: "ignore" });
}

const made: string[] = [];
function build(context: string, tag: string, extra: string[] = []): Run {
  made.push(tag);
  return docker(["build", "--progress=plain", "-t", tag, ...extra, context]);
}

/** Vertices of a plain-progress log: name and whether it was CACHED, by vertex number. */
function vertices(log: string): { name: string; cached: boolean }[] {
  const byId = new Map<string, { name: string; cached: boolean }>();
  for (const line of log.split("\n")) {
    const m = /^#(\d+) (.*)$/.exec(line);
    if (!m) continue;
    const v = byId.get(m[1]);
    if (!v) byId.set(m[1], { name: m[2], cached: false });
    else if (m[2] === "CACHED") v.cached = true;
  }
  return [...byId.values()];
}

/** The rewrite the frontend should make, computed with the library on the same folder. */
async function expectedRewrite(app: string, file = "Dockerfile") {
  const text = readFileSync(join(app, file), "utf8");
  const docker2010 = { frontend: new Set<string>(), llb: new Set<string>() }; // no mergeop: dockerfile 1.2
  const context = { ...fsContext(app), misses: new Set<string>(), listMisses: new Set<string>() };
  return rewrite({ text, filename: file, dialect: dialectOf(docker2010), options: { fallback: "none" } }, context, async () => {});
}

/** Tag stand-ins for the base images of the rewritten file too (a split may add a runtime base). */
async function farmRewritten(app: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "msb-frontend-farm-"));
  writeFileSync(join(dir, "Dockerfile"), (await expectedRewrite(app)).output);
  farm(join(dir, "Dockerfile"));
  rmSync(dir, { recursive: true, force: true });
}

/** Build the same folder with the syntax line removed (no msb-opt), for comparison. */
function buildWithout(app: string, tag: string): Run {
  const copy = mkdtempSync(join(tmpdir(), "msb-frontend-plain-"));
  cpSync(app, copy, { recursive: true });
  const file = join(copy, "Dockerfile");
  writeFileSync(file, readFileSync(file, "utf8").replace(/^# syntax=.*\n/, ""));
  const r = build(copy, tag);
  rmSync(copy, { recursive: true, force: true });
  return r;
}

function imageConfig(tag: string): unknown {
  const r = docker([
    "image",
    "inspect",
    "-f",
    "{{json .Config.Cmd}} {{json .Config.Entrypoint}} {{json .Config.Env}} {{json .Config.WorkingDir}} {{json .Config.User}} {{json .Config.ExposedPorts}}",
    tag,
  ]);
  return r.out.trim();
}

const runImage = (tag: string, ...cmd: string[]) => docker(["run", "--rm", tag, ...cmd]);

describe.skipIf(!reachable)("frontend on a real engine", () => {
  beforeAll(async () => {
    farm(join(ROOT, "Dockerfile"));
    for (const f of ["debian-apt/Dockerfile", "node-app/Dockerfile", "targets/docker/App.Dockerfile"]) farm(join(APPS, f));
    for (const app of ["debian-apt", "node-app"]) await farmRewritten(join(APPS, app));
    const r = docker(["build", "-q", "-t", IMAGE, ROOT]);
    if (r.status !== 0) throw new Error(`building ${IMAGE} failed:\n${r.out}`);
  });

  afterAll(() => {
    if (made.length > 0) docker(["rmi", "-f", ...new Set(made)]);
  });

  it("the image runs the CLI when BuildKit did not start it", async () => {
    const text = readFileSync(join(APPS, "debian-apt", "Dockerfile"), "utf8");
    const r = docker(["run", "--rm", "-i", IMAGE, "-", "--quiet"], text);
    expect(r.status, r.out).toBe(0);
    const user = docker([
      "image",
      "inspect",
      "-f",
      '{{.Config.User}} {{index .Config.Labels "moby.buildkit.frontend.network.none"}}',
      IMAGE,
    ]);
    expect(user.out.trim()).toBe("65532:65532 true");
  });

  it("builds debian-apt through msb-opt, as the library rewrites it, equal to the build without it", async () => {
    const app = join(APPS, "debian-apt");
    const r = build(app, "msb-frontend-debian-apt");
    expect(r.status, r.out).toBe(0);
    const names = vertices(r.out).map((v) => v.name);
    const expected = await expectedRewrite(app);
    expect(names).toContain(summary(expected));
    // Every Dockerfile step BuildKit ran is a line of the rewritten file.
    const steps = names
      .filter((n) => /^\[.*\d+\/\d+\] /.test(n))
      .map((n) => n.replace(/^\[[^\]]*\] /, ""))
      .filter((n) => !n.startsWith("FROM ")); // BuildKit prints FROM with the normalized image name
    expect(steps.length).toBeGreaterThan(0);
    // BuildKit prints an instruction with its continuations joined; compare with whitespace collapsed.
    const collapse = (t: string) =>
      t
        .replace(/\\\r?\n/g, " ")
        .replace(/\s+/g, " ")
        .trim();
    for (const step of steps) expect(collapse(expected.output)).toContain(collapse(step));
    expect(runImage("msb-frontend-debian-apt").out.trim()).toBe("hello from debian-apt");

    const plain = buildWithout(app, "msb-frontend-debian-apt-plain");
    expect(plain.status, plain.out).toBe(0);
    expect(imageConfig("msb-frontend-debian-apt")).toEqual(imageConfig("msb-frontend-debian-apt-plain"));
    expect(runImage("msb-frontend-debian-apt").out).toBe(runImage("msb-frontend-debian-apt-plain").out);

    // Same input, same LLB bytes: the second build is fully cached, msb-opt's own vertex included.
    const again = build(app, "msb-frontend-debian-apt");
    expect(again.status, again.out).toBe(0);
    const rebuilt = vertices(again.out).filter((v) => /^\[.*\d+\/\d+\] (?!FROM )/.test(v.name) && !v.cached);
    expect(rebuilt, again.out).toEqual([]);
    expect(vertices(again.out).find((v) => v.name === summary(expected))?.cached, again.out).toBe(true);
  });

  it("builds the node app and it behaves as the build without msb-opt", async () => {
    const app = join(APPS, "node-app");
    const r = build(app, "msb-frontend-node-app");
    expect(r.status, r.out).toBe(0);
    expect(vertices(r.out).map((v) => v.name)).toContain(summary(await expectedRewrite(app)));
    const plain = buildWithout(app, "msb-frontend-node-app-plain");
    expect(plain.status, plain.out).toBe(0);
    expect(runImage("msb-frontend-node-app").out.trim()).toBe("msb-frontend-node-app on node 20");
    expect(imageConfig("msb-frontend-node-app")).toEqual(imageConfig("msb-frontend-node-app-plain"));
  });

  it("works with --build-arg BUILDKIT_SYNTAX=, -f and --target", () => {
    const app = join(APPS, "targets");
    const r = build(app, "msb-frontend-targets", [
      "-f",
      join(app, "docker", "App.Dockerfile"),
      "--target",
      "base",
      "--build-arg",
      `BUILDKIT_SYNTAX=${IMAGE}`,
    ]);
    expect(r.status, r.out).toBe(0);
    expect(r.out).toMatch(/\[msb-opt\] /);
    expect(runImage("msb-frontend-targets", "cat", "/stage").out.trim()).toBe("base");
  });

  it("hands a broken Dockerfile to the engine, whose error names the line", () => {
    const dir = mkdtempSync(join(tmpdir(), "msb-frontend-broken-"));
    writeFileSync(join(dir, "Dockerfile"), `# syntax=${IMAGE}\nFROM debian:bookworm-slim\nFROMM nothing\n`);
    const r = build(dir, "msb-frontend-broken");
    rmSync(dir, { recursive: true, force: true });
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/line 3: unknown instruction: FROMM/);
  });

  it("forwards to an image frontend with inner= (here msb-opt itself, which then uses dockerfile.v0)", () => {
    const dir = mkdtempSync(join(tmpdir(), "msb-frontend-inner-"));
    writeFileSync(
      join(dir, "Dockerfile"),
      `# syntax=${IMAGE} inner=${IMAGE}\nFROM debian:bookworm-slim\nRUN echo inner > /inner\nCMD ["cat", "/inner"]\n`,
    );
    farm(join(dir, "Dockerfile"));
    const r = build(dir, "msb-frontend-inner");
    rmSync(dir, { recursive: true, force: true });
    expect(r.status, r.out).toBe(0);
    // BuildKit resolved the frontend image twice: once for the syntax line, once as the inner frontend.
    expect(r.out.match(/^#\d+ resolve image config for localhost\/msb-opt:dev$/gm)?.length, r.out).toBe(2);
    expect(runImage("msb-frontend-inner").out.trim()).toBe("inner");
  });

  it("reports a mistyped option as a build error", () => {
    const dir = mkdtempSync(join(tmpdir(), "msb-frontend-opt-"));
    writeFileSync(join(dir, "Dockerfile"), `# syntax=${IMAGE} pases=merge-run\nFROM debian:bookworm-slim\n`);
    const r = build(dir, "msb-frontend-opt");
    rmSync(dir, { recursive: true, force: true });
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/unknown option `pases`/);
  });
});
