import { beforeAll, describe, expect, test } from "vitest";
import {
  cacheMountValues,
  hasCacheMount,
  mayDecideCache,
  managerUses,
  MANAGERS,
  mayInstall,
  mayUseManager,
  missingFlags,
  reliesOnCache,
} from "./package-managers.js";
import { loadShell, parseShell } from "../../src/core/shell.js";

beforeAll(() => loadShell());
const uses = (text: string) => managerUses(parseShell(text));
const spec = (id: string) => MANAGERS.find((m) => m.id === id)!;

describe("managerUses", () => {
  test.each([
    ["apt-get update && apt-get -o Dpkg::Options::=--force-confold install curl", ["apt:update:refresh", "apt:install:install"]],
    ["DEBIAN_FRONTEND=noninteractive /usr/bin/apt install -y git", ["apt:install:install"]],
    ["python3 -m pip install -r req.txt", ["pip:install:install"]],
    ["yarn --frozen-lockfile && yarn build", ["yarn::install", "yarn:build:other"]],
    ["npm ci && npm run build", ["npm:ci:install", "npm:run:other"]],
    ["zypper --non-interactive in curl", ["zypper:in:install"]],
    ["make install", []],
  ])("%j", (text, expected) => expect(uses(text).map((u) => `${u.spec.id}:${u.sub}:${u.kind}`)).toEqual(expected));
});

describe("missingFlags", () => {
  test.each([
    ["apt-get install curl", true, ["-y"]],
    ["apt-get install -qy curl", true, []],
    ["apt-get --assume-yes install curl", true, []],
    ["pip install x", true, ["--no-cache-dir"]],
    ["pip install x", false, []],
    ["apk add --no-cache x", true, []],
    ["gem install -N rails", true, []],
    ["dnf install x", false, ["-y"]],
  ])("%j (no-cache %s)", (text, noCache, expected) => expect(missingFlags(uses(text)[0], noCache)).toEqual(expected));
});

describe("reliesOnCache", () => {
  test.each([
    ["apt", "apt-get install -y git", true],
    ["apt", "apt-get update && apt-get install -y git", false],
    ["apk", "apk add git", true],
    ["apk", "apk add --no-cache git", false],
    ["npm", "npm ci --offline", true],
    ["npm", "npm ci", false],
    ["cargo", "cargo build --release", true],
    ["pip", "pip install x", false],
  ])("%s after %j", (id, later, expected) => expect(reliesOnCache(spec(id), uses(later))).toBe(expected));
});

describe("cache mounts", () => {
  test("apt counts as mounted only with its lists on a mount", () => {
    expect(hasCacheMount(["type=cache,target=/var/cache/apt"], spec("apt"))).toBe(false);
    expect(hasCacheMount(["type=cache,target=/var/lib/apt,sharing=locked"], spec("apt"))).toBe(true);
  });
  test("pip cache under a mounted parent", () => {
    expect(hasCacheMount(["type=cache,target=/root/.cache"], spec("pip"))).toBe(true);
    expect(hasCacheMount(["type=bind,target=/root/.cache"], spec("pip"))).toBe(false);
  });
  test("flag values", () => {
    expect(cacheMountValues(spec("apt"))).toEqual([
      "type=cache,target=/var/cache/apt,sharing=locked",
      "type=cache,target=/var/lib/apt/lists,sharing=locked",
    ]);
    expect(cacheMountValues(spec("npm"))).toEqual(["type=cache,target=/root/.npm"]);
    expect(cacheMountValues(spec("yarn"))).toEqual(["type=cache,target=/usr/local/share/.cache/yarn,sharing=locked"]);
    expect(cacheMountValues(spec("pip"), { uid: 1000, gid: null, home: "/home/app/" })).toEqual([
      "type=cache,target=/home/app/.cache/pip,uid=1000",
    ]);
    expect(cacheMountValues(spec("apt"), { uid: 1000, gid: 1000, home: "/home/app" })).toEqual([]);
  });
  test("another user's cache counts as mounted", () => {
    expect(hasCacheMount(["type=cache,target=/home/app/.cache/pip,uid=1000"], spec("pip"))).toBe(true);
    expect(hasCacheMount(["type=cache,target=/home/app/.cache,uid=1000"], spec("pip"))).toBe(true);
    expect(hasCacheMount(["type=cache,target=/home/app/.npm"], spec("pip"))).toBe(false);
  });
});

describe("mayUseManager, the screen before a parse", () => {
  // Wherever managerUses finds a manager, the screen must say maybe: a wrong screen would drop a cleanup.
  test.each([
    "apt-get update && apt-get install -y curl",
    '"apt-get" install x',
    "ap\\t-get install x",
    "/usr/bin/apk add --no-cache git",
    "python3.12 -m pip3 install x",
    "pip3.11 install -r r.txt",
    "cd /a && 'npm' ci",
    "env && yarn",
    "composer.phar install",
    "dnf5 install -y x",
  ])("%j", (text) => {
    expect(uses(text).length).toBeGreaterThan(0);
    expect(mayUseManager(text)).toBe(true);
  });
  test.each(["make install", "echo npmrc && aptitude", "curl -o pipx.tgz x"])("no manager in %j", (text) => {
    expect(uses(text)).toEqual([]);
    expect(mayUseManager(text)).toBe(false);
  });
});

describe("mayInstall, the screen before the parse", () => {
  /** The truth it stands in for: managerUses finds an install or a refresh. */
  const installs = (text: string) => managerUses(parseShell(text)).some((u) => u.kind !== "other");
  test.each([
    "apt-get update",
    "apt-get -y install curl",
    "apt-get 'install' curl",
    "ap\\t-get in\\stall curl",
    "/sbin/apk add --no-cache x",
    "python3 -m pip install -r r.txt",
    "yarn",
    "yarn --frozen-lockfile",
    "cd /x && npm ci",
    "go build ./...",
    "cargo fetch",
    "dnf -y groupinstall x",
    "zypper dup",
    "composer require x",
  ])("lets %j through", (text) => {
    expect(installs(text)).toBe(true);
    expect(mayInstall(text)).toBe(true);
  });
  test.each(["apk --print-arch", "go env GOPATH", "npm --version", "cp /go/bin/x . && echo done", "pip3 freeze", "apt-get clean"])(
    "stops %j",
    (text) => {
      expect(installs(text)).toBe(false);
      expect(mayInstall(text)).toBe(false);
    },
  );
});

describe("mayDecideCache, the screen before a later RUN's parse", () => {
  test.each([
    ["apt", "apt-get update"],
    ["apt", "apt-cache policy curl"],
    ["apt", "apt-get download x"],
    ["apk", "apk info -vv"],
    ["apk", "apk 'add' x"],
    ["npm", "npm ci --offline"],
    ["dnf", "dnf -C install x"],
    ["yum", "yum --cacheonly install x"],
    ["cargo", "cargo build"],
  ])("lets %s %j through", (id, text) => {
    const mine = uses(text).filter((u) => u.spec.id === id);
    expect(reliesOnCache(spec(id), mine) || mine.some((u) => u.kind === "refresh")).toBe(true);
    expect(mayDecideCache(text, spec(id))).toBe(true);
  });
  test.each([
    ["apt", "apt-get purge -y x && apt-get clean"],
    ["apk", "apk del .build-deps"],
    ["npm", "npm ci"],
    ["pip", "pip install x"],
    ["apt", "apk info"],
  ])("stops %s %j", (id, text) => {
    const mine = uses(text).filter((u) => u.spec.id === id);
    expect(reliesOnCache(spec(id), mine) || mine.some((u) => u.kind === "refresh")).toBe(false);
    expect(mayDecideCache(text, spec(id))).toBe(false);
  });
});
