// Real BuildKit builds: the original and the merge-run output of a few Dockerfiles must produce the same
// files, and the optimized image must not be bigger. Needs Docker: set MSB_DOCKER (e.g. /usr/bin/docker).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { optimize } from "../src/core/pipeline.js";
import { FARM } from "./support/farm.js";

const DOCKER = process.env.MSB_DOCKER;
const env = { ...process.env, DOCKER_BUILDKIT: "1" };
const dockerWorks = DOCKER !== undefined && DOCKER !== "" && spawnSync(DOCKER, ["info"], { stdio: "ignore", env }).status === 0;
if (!dockerWorks)
  console.warn(
    `merge-run build test skipped: ${DOCKER ? `\`${DOCKER} info\` failed` : "MSB_DOCKER is not set"} (set MSB_DOCKER=/usr/bin/docker with a running engine to run it)`,
  );

function docker(args: string[], input?: string): string {
  const r = spawnSync(DOCKER!, args, { env, encoding: "utf8", input, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`docker ${args.join(" ")} failed:\n${r.stderr}`);
  return r.stdout;
}

const images: string[] = [];

/** Build a Dockerfile (base images tagged from the offline stand-ins) and return the image name. */
function build(name: string, dockerfile: string, network?: "none"): string {
  const dir = mkdtempSync(join(tmpdir(), "msb-merge-run-build-"));
  try {
    writeFileSync(join(dir, "Dockerfile"), dockerfile);
    if (existsSync(FARM)) {
      const r = spawnSync(process.execPath, [FARM, "tag-dockerfile", join(dir, "Dockerfile")], { env, encoding: "utf8" });
      if (r.status !== 0) throw new Error(`docker-farm failed:\n${r.stderr}`);
    }
    const image = `msb-merge-run-${name}`;
    docker(["build", "-q", ...(network ? ["--network", network] : []), "-t", image, dir]);
    images.push(image);
    return image;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const size = (image: string) => Number(docker(["image", "inspect", "-f", "{{.Size}}", image]).trim());
const inImage = (image: string, script: string) => docker(["run", "--rm", "--network=none", image, "sh", "-c", script]);

async function optimized(input: string): Promise<string> {
  const result = await optimize(input, { passes: ["merge-run"], syntaxDirective: "never" });
  expect(result.output).not.toBe(input);
  return result.output;
}

afterAll(() => {
  if (images.length > 0) spawnSync(DOCKER!, ["rmi", "-f", ...images], { stdio: "ignore", env });
});

describe.skipIf(!dockerWorks)("merge-run output builds the same files with BuildKit", () => {
  test("shell state: cd, a trailing comment, export, umask, || and ; keep their meaning", async () => {
    const input = [
      "FROM debian:bookworm",
      "RUN mkdir /out",
      "RUN cd /tmp && touch x # note",
      "RUN touch x",
      "RUN export A=1",
      'RUN echo "$A" > /out/f',
      "RUN umask 077 && touch /out/private",
      "RUN touch /out/after-umask",
      "RUN test -f /nope || echo fallback > /out/g",
      'RUN false; echo "status $?" > /out/status',
      "",
    ].join("\n");
    const output = await optimized(input);
    const listing = 'cd / && for f in /x /tmp/x /out/*; do stat -c \'%n %a %s\' "$f"; cat "$f"; done; pwd';
    const before = build("state-orig", input, "none");
    const after = build("state-opt", output, "none");
    expect(inImage(after, listing)).toBe(inImage(before, listing));
    console.info(`merge-run build (state): ${size(before)} → ${size(after)} bytes`);
    expect(size(after)).toBeLessThanOrEqual(size(before));
  }, 600_000);

  test("a RUN that replaces /bin/sh ends the merge group: later RUNs run in the new shell, as before", async () => {
    const input = [
      "FROM debian:bookworm",
      "RUN mkdir /out",
      "RUN ln -sf /bin/bash /bin/sh",
      "RUN echo {a,b} > /out/brace",
      'RUN echo "$BASH_VERSION" | cut -c1 > /out/bash',
      "",
    ].join("\n");
    const output = await optimized(input);
    expect(output).toContain("RUN echo {a,b} > /out/brace \\\n");
    const files = "cat /out/brace /out/bash";
    const before = build("shell-orig", input, "none");
    const after = build("shell-opt", output, "none");
    expect(inImage(before, files)).toBe("a b\n5\n");
    expect(inImage(after, files)).toBe(inImage(before, files));
  }, 600_000);

  test("apt: split update/install, merged with the lists removed, same packages, smaller image", async () => {
    const input = ["FROM debian:bookworm", "RUN apt-get update", "RUN apt-get install -y jq", "RUN jq --version > /jq-version", ""].join(
      "\n",
    );
    const output = await optimized(input);
    const packages = "dpkg-query -W -f '${Package} ${Version} ${Status}\\n'; cat /jq-version";
    const before = build("apt-orig", input);
    const after = build("apt-opt", output);
    expect(inImage(after, packages)).toBe(inImage(before, packages));
    expect(inImage(after, "ls /var/lib/apt/lists | wc -l").trim()).toBe("0");
    const [b, a] = [size(before), size(after)];
    console.info(`merge-run build (apt): ${b} → ${a} bytes (${(((b - a) / b) * 100).toFixed(1)}% smaller)`);
    expect(a).toBeLessThan(b);
  }, 900_000);

  test("npm: a global install merged with the next RUN and the npm cache cleaned", async () => {
    const input = [
      "FROM node:20-slim",
      "RUN npm install -g is-number@7.0.0",
      "RUN mkdir /app && npm ls -g --depth=0 > /app/globals",
      "",
    ].join("\n");
    const output = await optimized(input);
    const files = "cat /app/globals; ls /usr/local/lib/node_modules/is-number";
    const before = build("npm-orig", input);
    const after = build("npm-opt", output);
    expect(inImage(after, files)).toBe(inImage(before, files));
    const [b, a] = [size(before), size(after)];
    console.info(`merge-run build (npm): ${b} → ${a} bytes`);
    expect(a).toBeLessThanOrEqual(b);
  }, 600_000);
});
