import { expect, test } from "vitest";
import { instruction } from "../../../src/core/ir.js";
import { depsInstallRun, namedBeforeInstall, replayable, touchesManifests } from "./node-install-run.js";

const install = { index: 0, tool: "npm" as const, dir: "/app", args: ["ci"], alone: false };
const files = { workdir: "/app", has: (f: string) => ["package.json", "package-lock.json", ".npmrc.docker"].includes(f) };
const cache = { name: "mount", value: "type=cache,target=/root/.npm" };
const run = (script: string, flags: { name: string; value: string }[] = [], osNeeded = true) =>
  depsInstallRun(instruction("RUN", script, { flags }), install, "npm ci --omit=dev", { files, cache, osNeeded });

test("the commands that set the install up stay in their order; a build step after it is left to the build", () => {
  expect(run('echo "//r/:_authToken=${T}" > .npmrc && npm ci')).toMatchObject({
    ok: true,
    command: 'echo "//r/:_authToken=${T}" > .npmrc && npm ci --omit=dev',
  });
  expect(run("npm config set fund false && npm ci && npm run build && rm -f .npmrc")).toMatchObject({
    command: "npm config set fund false && npm ci --omit=dev && rm -f .npmrc",
  });
  expect(run("cp .npmrc.docker .npmrc && npm ci")).toMatchObject({
    command: "cp .npmrc.docker .npmrc && npm ci --omit=dev",
    reads: [".npmrc.docker"],
  });
});

test("a command before the install that may read what the deps stage lacks declines", () => {
  expect(run("node scripts/npmrc.js && npm ci")).toMatchObject({ ok: false });
  expect(run("cp config/npmrc .npmrc && npm ci")).toMatchObject({ ok: false });
  expect(run("npm run prepare-registry && npm ci")).toMatchObject({ ok: false });
});

test("the install RUN's mounts come along; its own cache mount on the same folder replaces the deps stage's", () => {
  const secret = { name: "mount", value: "type=secret,id=npmrc,target=/root/.npmrc" };
  const ssh = { name: "mount", value: "type=ssh" };
  expect(run("npm ci", [secret, ssh])).toMatchObject({ flags: [secret, ssh, cache] });
  const own = { name: "mount", value: "type=cache,target=/root/.npm,sharing=locked" };
  expect(run("npm ci", [own])).toMatchObject({ flags: [own] });
  expect(run('echo "//r/:_authToken=$(cat /run/secrets/tok)" > .npmrc && npm ci')).toMatchObject({ ok: true });
});

test("cache cleanups are left out, and OS packages when the install needs none", () => {
  expect(run("npm ci && npm cache clean --force && rm -rf /root/.npm")).toMatchObject({ command: "npm ci --omit=dev" });
  expect(run("apt-get update && apt-get install -y git && npm ci", [], false)).toMatchObject({
    command: "npm ci --omit=dev",
    osLeftOut: true,
  });
  expect(run("apt-get update && apt-get install -y git && npm ci", [], true)).toMatchObject({ osLeftOut: false });
});

test("a lockfile removed in the install's own RUN is one the original did not read; another use of it is unknown", () => {
  const at = (script: string) => namedBeforeInstall(instruction("RUN", script), install, "package-lock.json");
  expect(at("rm -f package-lock.json && npm ci")).toEqual({ removed: true });
  expect(at("cp package-lock.docker.json package-lock.json && npm ci")).toEqual({ removed: false });
  expect(at("npm ci && rm -f package-lock.json")).toBeNull();
});

test("a RUN before the install that edits the manifests follows their copy when the deps stage can run it", () => {
  const manifests = ["package.json", "package-lock.json"];
  const edit = instruction("RUN", 'npm pkg delete dependencies.canvas || true && npm pkg set dependencies.ms="^2.1.0"');
  expect(touchesManifests(edit, manifests)).toBe(true);
  expect(replayable(edit, files)).toEqual({ ok: true, reads: [] });
  expect(touchesManifests(instruction("RUN", "sed -i s/x/y/ package.json"), manifests)).toBe(true);
  expect(touchesManifests(instruction("RUN", "apt-get update"), manifests)).toBe(false);
  expect(replayable(instruction("RUN", "node fix-manifest.js package.json"), files)).toMatchObject({ ok: false });
});
