import { beforeAll, expect, test } from "vitest";
import { instruction } from "../../../src/core/ir.js";
import { loadShell } from "../../../src/core/shell.js";
import { depsInstallRun, namedBeforeInstall, replayable, touchesManifests } from "./node-install-run.js";

beforeAll(() => loadShell());

const install = { index: 0, tool: "npm" as const, dir: "/app", args: ["ci"], alone: false };
const copied = ["package.json", "package-lock.json"];
// `.npmrc.docker` and `docker-entrypoint.sh` came in a COPY before the install: the deps stage can copy them, but
// copies only what a command reads.
const files = { workdir: "/app", copied, has: (f: string) => [...copied, ".npmrc.docker", "docker-entrypoint.sh"].includes(f) };
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

test("a command on files the deps stage lacks that cannot change the install is left out, with its part of the chain", () => {
  expect(run("chmod +x docker-entrypoint.sh && npm ci")).toMatchObject({ command: "npm ci --omit=dev", reads: [] });
  expect(run("chown node:node docker-entrypoint.sh; npm ci")).toMatchObject({ command: "npm ci --omit=dev" });
  expect(run("ls -la docker-entrypoint.sh src && npm ci && ls -la")).toMatchObject({ command: "npm ci --omit=dev && ls -la" });
  expect(run("chmod -x /app/docker-entrypoint.sh || true && npm ci")).toMatchObject({ command: "npm ci --omit=dev" });
  expect(run('[ -f docker-entrypoint.sh ] && chmod +x docker-entrypoint.sh || echo "no entrypoint"; npm ci')).toMatchObject({
    command: "npm ci --omit=dev",
  });
  expect(run("npm ci && chmod +x docker-entrypoint.sh && chown -R node:node /app")).toMatchObject({
    command: "npm ci --omit=dev && chown -R node:node /app",
  });
  expect(run("touch .env && mkdir src/generated && npm ci")).toMatchObject({ command: "npm ci --omit=dev" });
  expect(run('[ -f "docker-entrypoint.sh" ] && chmod +x docker-entrypoint.sh; npm ci')).toMatchObject({ command: "npm ci --omit=dev" });
  expect(run('[ -n "$CI" ] && [ -f package.json ] && npm ci')).toMatchObject({
    command: '[ -n "$CI" ] && [ -f package.json ] && npm ci --omit=dev',
  });
});

test("a command on the working folder, the manifests or files the RUN makes runs in the deps stage as it did", () => {
  expect(run("chown -R node:node /app && chmod 644 package.json && npm ci")).toMatchObject({
    command: "chown -R node:node /app && chmod 644 package.json && npm ci --omit=dev",
  });
  expect(run("mkdir -p node_modules/.cache && chown -R node:node node_modules && npm ci")).toMatchObject({
    command: "mkdir -p node_modules/.cache && chown -R node:node node_modules && npm ci --omit=dev",
  });
  expect(run("mkdir logs && chmod 777 logs && npm ci")).toMatchObject({ command: "mkdir logs && chmod 777 logs && npm ci --omit=dev" });
  expect(run("touch yarn.lock && npm ci")).toMatchObject({ command: "touch yarn.lock && npm ci --omit=dev" });
  expect(run("cp .npmrc.docker .npmrc && chmod 600 .npmrc && npm ci")).toMatchObject({
    command: "cp .npmrc.docker .npmrc && chmod 600 .npmrc && npm ci --omit=dev",
  });
  expect(run("echo registry=https://r.test/ > .npmrc && chmod 600 .npmrc && npm ci")).toMatchObject({ ok: true });
  expect(run("mkdir -p ~/.npm && chmod +x /usr/local/bin/entry.sh && npm ci")).toMatchObject({
    command: "mkdir -p ~/.npm && chmod +x /usr/local/bin/entry.sh && npm ci --omit=dev",
  });
});

test("a command on files the deps stage lacks that may change the install, or shares a step with one it needs, declines", () => {
  expect(run("chown -R node:node node_modules && npm ci")).toMatchObject({ ok: false });
  expect(run("chmod 600 .npmrc && npm ci")).toMatchObject({ ok: false });
  expect(run("mkdir node_modules/.cache && npm ci")).toMatchObject({ ok: false });
  expect(run("chmod +x docker-entrypoint.sh package.json && npm ci")).toMatchObject({ ok: false });
  expect(run("chmod +x docker-entrypoint.sh || npm config set fund false; npm ci")).toMatchObject({ ok: false });
  expect(run("[ -f docker-entrypoint.sh ] || npm ci")).toMatchObject({ ok: false });
  expect(run("chmod +x *.sh && npm ci")).toMatchObject({ ok: false });
  expect(replayable(instruction("RUN", "chmod +x docker-entrypoint.sh && npm pkg set x=y"), files)).toMatchObject({ ok: false });
});
