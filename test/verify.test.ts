// `msb-opt verify` against a real engine: an equivalent rewrite with its gains, and a rewrite that changes
// behaviour, caught and bisected to the pass to skip. Needs Docker (MSB_DOCKER); skipped without it.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { readAbove } from "../src/verify/base-fs.js";
import { findings, keepFor } from "../src/verify/closure.js";
import { Docker } from "../src/verify/docker.js";
import { dockerfileFacts } from "../src/verify/dockerfile-facts.js";
import type { ImageFs } from "../src/verify/image-fs.js";
import { dockerFromEnv } from "./support/e2e-harness.js";
import { APPS, ROOT, TESTDATA } from "./support/golden.js";
import { FARM } from "./support/farm.js";

const { docker, reason } = await dockerFromEnv(process.env);
if (!docker) console.warn(`verify: skipped: ${reason}`);
/** The offline stand-ins set these for their CA bundle and label themselves; real base images do neither. */
/** This run's own tag prefix: other verify runs on the same engine do not disturb the clean-up check. */
const PREFIX = `msb-verify-test-${process.pid}`;
const STAND_IN_FLAGS = [
  "--tag-prefix",
  PREFIX,
  "--ignore-env",
  "NODE_EXTRA_CA_CERTS,PIP_CERT,REQUESTS_CA_BUNDLE,SSL_CERT_FILE",
  "--ignore-label",
  "farm.",
];

const OPTIONS = ["--offline", "--syntax-directive", "never"];

/** Stand-ins for the base images of the original and of msb-opt's output (there is no registry here). */
function tagStandIns(dockerfile: string, extra: string[]): void {
  if (!existsSync(FARM)) return;
  const output = spawnSync(
    process.execPath,
    [
      join(ROOT, "bin/msb-opt.js"),
      "-q",
      ...OPTIONS,
      ...extra.filter((a) => a.startsWith("--skip") || a.startsWith("--passes")),
      dockerfile,
    ],
    { encoding: "utf8" },
  ).stdout;
  const tmp = mkdtempSync(join(tmpdir(), "msb-verify-test-"));
  writeFileSync(join(tmp, "Dockerfile"), output);
  execFileSync(FARM, ["tag-dockerfile", dockerfile, join(tmp, "Dockerfile")], { stdio: "ignore" });
}

interface Reason {
  kind: string;
  id: string;
  text: string;
}
const differences = (json: { reasons: Reason[] }) => json.reasons.filter((x) => x.kind === "difference");

function verifyJson(dockerfile: string, extra: string[] = []) {
  tagStandIns(dockerfile, extra);
  const r = spawnSync(
    process.execPath,
    [join(ROOT, "bin/msb-opt.js"), "verify", "--format", "json", ...OPTIONS, ...STAND_IN_FLAGS, ...extra, dockerfile],
    {
      encoding: "utf8",
      env: { ...process.env, CI: "true" },
      timeout: 1_200_000,
    },
  );
  return { code: r.status, json: r.stdout ? JSON.parse(r.stdout) : null, stderr: r.stderr };
}

describe.skipIf(!docker)("msb-opt verify", () => {
  test("the bundled example verifies as equivalent, smaller and faster to rebuild", { timeout: 1_200_000 }, () => {
    const r = verifyJson(join(TESTDATA, "pipeline/node-express-naive/Dockerfile"), ["--rebuild"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.equivalent).toBe(true);
    expect(differences(r.json)).toEqual([]);
    expect(r.json.optimized.sizeBytes).toBeLessThan(r.json.original.sizeBytes);
    expect(r.json.optimized.behaviour).toEqual(r.json.original.behaviour);
    expect(r.json.original.behaviour.http[0].status).toBe(200);
    expect(r.json.editedFile).toBe("src/server.js");
    expect(r.json.optimized.rebuildSeconds).toBeLessThan(r.json.original.rebuildSeconds);
    // Both sides built at once (no --timing): neither cold build is timed alone.
    expect([r.json.original.buildSeconds, r.json.optimized.buildSeconds]).toEqual([null, null]);
    // verify cleans up after itself: no image of its own is left.
    const images = execFileSync(process.env.MSB_DOCKER!, ["images", "--format", "{{.Repository}}"], { encoding: "utf8" });
    expect(images.split("\n").filter((i) => i.startsWith(PREFIX))).toEqual([]);
    // The file is restored after the source edit.
    expect(readFileSync(join(TESTDATA, "pipeline/node-express-naive/src/server.js"), "utf8")).not.toContain("msb-opt verify");
  });

  test("a rewrite that changes what the image does is caught, and bisect names the pass to skip", { timeout: 1_200_000 }, () => {
    const r = verifyJson(join(APPS, "apt-lists-at-runtime/Dockerfile"), ["--no-rebuild"]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.json.verdict).toBe("not-equivalent");
    expect(differences(r.json).map((x) => x.id)).toEqual(["run"]);
    expect(r.json.bisect.skip).toEqual(["merge-run"]);
  });

  test("a Go service split onto a distroless runtime is equivalent with intended differences", { timeout: 1_200_000 }, () => {
    const r = verifyJson(join(APPS, "e2e/go-server/Dockerfile"), [
      "--no-rebuild",
      "--cached",
      "--http-path",
      "/gopher",
      "--http-path",
      "/",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.verdict).toBe("equivalent-with-intended-differences");
    expect(r.json.reasons.filter((x: Reason) => x.kind === "intended").map((x: Reason) => x.id)).toEqual(["runtimeBase", "buildOnlyFiles"]);
    // The runtime takes the binary only: the Go sources stay in the builder, as split-stages declared.
    expect(r.json.reasons.find((x: Reason) => x.id === "buildOnlyFiles").text).toMatch(/main\.go/);
    expect(r.json.reasons.find((x: Reason) => x.id === "runtimeBase").text).toMatch(/`GOPATH`, `GOTOOLCHAIN`, `PATH`/);
    expect(r.json.optimized.behaviour.http.map((h: { path: string }) => h.path)).toEqual(["/gopher", "/"]);
    expect(r.json.optimized.behaviour).toEqual(r.json.original.behaviour);
  });

  test("a runtime that answers / the same but lacks a library, a program, write access and a module is caught", {
    timeout: 1_200_000,
  }, () => {
    const app = join(APPS, "verify-closure");
    tagStandIns(join(app, "broken.Dockerfile"), []);
    const r = verifyJson(join(app, "Dockerfile"), ["--no-rebuild", "--cached", "--against", join(app, "broken.Dockerfile")]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.json.optimized.behaviour).toEqual(r.json.original.behaviour);
    const texts = differences(r.json).map((x) => x.text);
    expect(texts).toContain(
      "`/app/native/addon.node` needs the shared library `libnghttp2.so.14`, which no library folder of the optimized image has.",
    );
    expect(texts).toContain("`git`, run by `/app/node_modules/greet/index.js`, is not in the optimized image.");
    expect(texts).toContain("`/app` is writable by the image's user `node` in the original, not in the optimized image.");
    expect(texts).toContain("`lazy`, imported by `/app/server.js`, is not installed in the optimized image.");
  });
});

describe.skipIf(!docker)("the optimized image read as its base plus its own paths", () => {
  test("has the same entries, contents and closure findings as a whole export", { timeout: 600_000 }, async () => {
    const app = join(APPS, "verify-closure");
    const dockerfile = join(app, "broken.Dockerfile");
    tagStandIns(dockerfile, []);
    const tag = `${PREFIX}-above:latest`;
    const d = docker!;
    try {
      expect((await d.build({ context: app, dockerfile, tag })).code).toBe(0);
      const facts = dockerfileFacts(readFileSync(dockerfile, "utf8"));
      const [info, base] = await d.inspectMany([tag, facts.base!]);
      const roots = ["/app"];
      const above = await readAbove(d, { tag, info: info! }, { ref: facts.base!, info: base! }, facts.writes, roots, null);
      const whole = await d.exportFs(tag, keepFor(roots));
      if (!above || "error" in above || "error" in whole) throw new Error(`not read: ${JSON.stringify([above, whole]).slice(0, 300)}`);
      const shown = (fs: ImageFs) =>
        [...fs.entries].map(([p, e]) => [
          p,
          e.type,
          e.mode,
          e.uid,
          e.gid,
          e.size,
          e.link,
          e.data?.toString("base64") ?? null,
          e.elf ?? null,
        ]);
      // docker create adds the working folder's parents and mount points the same way to both.
      expect(shown(above)).toEqual(shown(whole));
      const view = (fs: ImageFs) => findings({ fs, config: info!.config, roots });
      expect(view(above)).toEqual(view(whole));
      expect(view(above).map((f) => f.id)).toContain("missingLibrary");
      // On the engine's socket (docker.ts) or through the CLI: the same file systems.
      expect(await d.engineApi()).not.toBeNull();
      const cli = new Docker({ bin: process.env.MSB_DOCKER!, env: process.env, api: false });
      const viaCli = await readAbove(cli, { tag, info: info! }, { ref: facts.base!, info: base! }, facts.writes, roots, null);
      if (!viaCli || "error" in viaCli) throw new Error(`not read through the CLI: ${JSON.stringify(viaCli).slice(0, 300)}`);
      expect(shown(viaCli)).toEqual(shown(above));
      const wholeViaCli = await cli.exportFs(tag, keepFor(roots));
      if ("error" in wholeViaCli) throw new Error(wholeViaCli.error);
      expect(shown(wholeViaCli)).toEqual(shown(whole));
      // Stats without a copy (shared-findings.ts): a link to a program is followed, a folder or nothing is no file.
      const paths = ["/bin/sh", "/usr/bin", "/usr/bin/msb-opt-no-such-program", "/app/server.js"];
      expect(await d.regularFiles(tag, paths)).toEqual(new Map(paths.map((p) => [p, p === "/bin/sh" || p === "/app/server.js"])));
      expect(await cli.regularFiles(tag, paths)).toBeNull();
      expect(await cli.inspectMany([tag, facts.base!, `${tag}-missing`])).toEqual(
        await d.inspectMany([tag, facts.base!, `${tag}-missing`]),
      );
    } finally {
      await d.removeImages(tag);
    }
  });
});

describe.skipIf(!docker)("msb-opt verify: Python imports, HEALTHCHECK without ports, timings", () => {
  test("a Python module the app's own module imports, missing from site-packages, is named", { timeout: 600_000 }, () => {
    const app = join(APPS, "verify-python");
    tagStandIns(join(app, "broken.Dockerfile"), []);
    const r = verifyJson(join(app, "Dockerfile"), ["--no-rebuild", "--cached", "--against", join(app, "broken.Dockerfile")]);
    expect(r.code, r.stderr).toBe(1);
    const texts = differences(r.json).map((x) => x.text);
    expect(texts).toContain("`greet`, imported by `/srv/jobs.py`, is not installed in the optimized image.");
    // Not `ujson`: it is imported inside try/except ImportError, and the original lacks it too.
    expect(texts.join(" ")).not.toContain("ujson");
  });

  test("the HEALTHCHECK of an image without ports runs in both, and the phases are timed", { timeout: 600_000 }, () => {
    const app = join(APPS, "verify-health");
    tagStandIns(join(app, "broken.Dockerfile"), []);
    const r = verifyJson(join(app, "Dockerfile"), ["--no-rebuild", "--cached", "--timing", "--against", join(app, "broken.Dockerfile")]);
    expect(r.code, r.stderr).toBe(1);
    expect(differences(r.json).map((x) => x.text)).toEqual(["The HEALTHCHECK command exits 0 before and 1 after."]);
    expect(r.json.original.behaviour.health).toBe(0);
    const t = r.json.timings;
    for (const phase of ["buildOriginal", "buildOptimized", "exportOriginal", "exportOptimized", "runOriginal", "runOptimized", "total"])
      expect(t[phase], phase).toBeGreaterThan(0);
    // --timing: one build after the other, each timed alone.
    expect(t.total).toBeGreaterThanOrEqual(t.buildOriginal + t.buildOptimized);
    expect(r.json.original.buildSeconds).toBeGreaterThan(0);
    expect(r.json.optimized.buildSeconds).toBeGreaterThan(0);
    // Nothing of this run is left: no container, no image.
    const left = execFileSync(process.env.MSB_DOCKER!, ["ps", "-a", "--format", "{{.Names}} {{.Image}}"], { encoding: "utf8" });
    expect(left.split("\n").filter((l) => l.includes(PREFIX))).toEqual([]);
  });
});

describe.skipIf(!docker)("msb-opt batch --verify", () => {
  test("writes the rewrites that verify and leaves the others, saying why", { timeout: 1_200_000 }, () => {
    const root = mkdtempSync(join(tmpdir(), "msb-batch-verify-"));
    cpSync(join(TESTDATA, "pipeline/node-express-naive"), join(root, "web"), {
      recursive: true,
      filter: (src) => !/expected\.|options\.json/.test(src),
    });
    cpSync(join(APPS, "apt-lists-at-runtime"), join(root, "lists"), { recursive: true });
    for (const app of ["web", "lists"]) tagStandIns(join(root, app, "Dockerfile"), []);
    const before = { web: readFileSync(join(root, "web/Dockerfile"), "utf8"), lists: readFileSync(join(root, "lists/Dockerfile"), "utf8") };
    const r = spawnSync(
      process.execPath,
      [join(ROOT, "bin/msb-opt.js"), "batch", "--verify", "--write", ...OPTIONS, ...STAND_IN_FLAGS.slice(2), "--report", "r.json", "."],
      {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, CI: "true" },
        timeout: 1_200_000,
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(root, "r.json"), "utf8"));
    const byPath = Object.fromEntries(report.files.map((f: { path: string }) => [f.path, f]));
    expect(byPath["web/Dockerfile"].status).toBe("changed");
    expect(readFileSync(join(root, "web/Dockerfile"), "utf8")).not.toBe(before.web);
    expect(byPath["lists/Dockerfile"].status).toBe("refused");
    expect(byPath["lists/Dockerfile"].refusals.map((n: { message: string }) => n.message).join(" ")).toContain("did not verify");
    expect(readFileSync(join(root, "lists/Dockerfile"), "utf8")).toBe(before.lists);
  });
});
