import { beforeAll, describe, expect, test } from "vitest";
import { instruction } from "../../src/core/ir.js";
import { loadShell, parseShell, simpleCommands } from "../../src/core/shell.js";
import { leaveBuildOnly, type SystemSetup, systemSetup } from "./system-setup.js";

beforeAll(() => loadShell());

function setup(script: string) {
  const parsed = parseShell(script);
  if (!parsed.ok) throw new Error("unparsed");
  return systemSetup(instruction("RUN", script, { line: 3 }), simpleCommands(parsed));
}

describe("systemSetup: users and groups", () => {
  test("replays each command on its own line, continuation lines joined", () => {
    const result = setup("groupadd -r app \\\n    && useradd -r -g app app && chown -R app /srv");
    expect(result).toMatchObject({
      ok: true,
      setup: { commands: ["groupadd -r app", "useradd -r -g app app"], chosenId: null, users: true, alone: false },
    });
  });

  test.each([
    ["addgroup --system app", "addgroup --system app"],
    ["adduser --system --ingroup app app", "adduser --system --ingroup app app"],
    ["addgroup -S app && adduser -S app -G app", "addgroup -S app"],
    ["adduser -S -g 'App user' app", "adduser -S -g 'App user' app"],
  ])("`%s`: the base image chooses a system id counting up", (script, first) => {
    expect(setup(script)).toMatchObject({ ok: true, setup: { chosenId: first } });
  });

  test.each([
    "addgroup --system --gid 1500 app",
    "adduser --system --uid 1500 app",
    "addgroup -g 1001 -S nodejs",
    "adduser -S nextjs -u 1001",
    "useradd -r app",
    "groupadd --system app",
    "adduser --disabled-password app",
  ])("`%s`: the id is given, or chosen the same way on every official base", (script) => {
    expect(setup(script)).toMatchObject({ ok: true, setup: { chosenId: null } });
  });

  test.each([
    'useradd --uid "$APP_UID" app',
    "useradd -u `id -u node` app",
    "id -u app || useradd app",
    "if true; then useradd app; fi",
    "useradd app | tee /tmp/log",
  ])("`%s` cannot be repeated as written", (script) => {
    expect(setup(script).ok).toBe(false);
  });

  test("a stage ARG is declared again before the commands; an ENV literal is written into them", () => {
    const arg = instruction("ARG", "UID=1000", { line: 2 });
    const variables = new Map([
      ["UID", { kind: "arg" as const, instr: arg }],
      ["NAME", { kind: "env" as const, value: "app" }],
    ]);
    const script = 'useradd -u "${UID}" $NAME';
    const parsed = parseShell(script);
    if (!parsed.ok) throw new Error("unparsed");
    const run = instruction("RUN", script, { line: 3 });
    expect(systemSetup(run, simpleCommands(parsed), false, [], variables)).toMatchObject({
      ok: true,
      setup: { commands: ['useradd -u "${UID}" app'], args: [arg] },
    });
    for (const other of [
      "useradd -u ${UID:-1000} app",
      "useradd -u $OTHER app",
      "useradd -u '$UID' app",
      "id -u app || useradd -u $UID app",
    ]) {
      const p = parseShell(other);
      if (!p.ok) throw new Error("unparsed");
      expect(systemSetup(instruction("RUN", other, { line: 3 }), simpleCommands(p), false, [], variables).ok, other).toBe(false);
    }
  });
});

describe("systemSetup: Alpine packages", () => {
  test("repeats apk add/del and the removal of apk's cache, with the package names", () => {
    const result = setup("apk add --no-cache tini=0.19.0-r2 bash && apk del bash && rm -rf /var/cache/apk/*");
    expect(result).toMatchObject({
      ok: true,
      setup: {
        commands: ["apk add --no-cache tini=0.19.0-r2 bash", "apk del bash", "rm -rf /var/cache/apk/*"],
        alpinePackages: ["tini", "bash"],
        users: false,
        alone: true,
      },
    });
  });

  test("leaves out a virtual package that the same RUN deletes again", () => {
    const result = setup("apk add --no-cache --virtual .gyp python3 make g++ && npm ci && apk del .gyp && apk add tini");
    expect(result).toMatchObject({ ok: true, setup: { commands: ["apk add tini"], alpinePackages: ["tini"], alone: false } });
  });

  test("a RUN whose apk packages are all deleted again repeats nothing, not even the cache removal", () => {
    const result = setup("apk add --virtual .gyp python3 make g++ && npm ci && apk del .gyp && rm -rf /var/cache/apk/*");
    expect(result).toMatchObject({ ok: true, setup: { commands: [], alpinePackages: [] } });
  });

  test("a RUN with nothing but setup is alone", () => {
    expect(setup("apk add --no-cache curl && addgroup -S app && adduser -S app -G app")).toMatchObject({
      ok: true,
      setup: { alone: true, users: true, alpinePackages: ["curl"] },
    });
  });

  test.each([
    ["apk fix --no-cache", "aptUpgrade"],
    ["apt-get update && apt-get upgrade -y $FLAGS", "upgradeNotReplayable"],
    ["apk add --no-cache $PACKAGES", "apkNotReplayable"],
    ["apk add --no-cache python3 || true", "apkNotReplayable"],
  ])("`%s` is refused", (script, id) => {
    expect(setup(script)).toMatchObject({ ok: false, id });
  });

  test("an upgrade is repeated with the RUN's update and list removal, not its install", () => {
    expect(setup("apt-get update && apt-get upgrade -y && apt-get install -y gcc && rm -rf /var/lib/apt/lists/*")).toMatchObject({
      ok: true,
      setup: { commands: ["apt-get update", "apt-get upgrade -y", "rm -rf /var/lib/apt/lists/*"], upgrades: true, alone: false },
    });
    expect(setup("apk upgrade --no-cache")).toMatchObject({ ok: true, setup: { commands: ["apk upgrade --no-cache"], upgrades: true } });
  });

  test("a RUN without users or apk sets up nothing", () => {
    expect(setup("npm ci && rm -rf /var/cache/apk/*")).toEqual({ ok: true, setup: null });
  });
});

describe("leaveBuildOnly: the Alpine build toolchain", () => {
  const trimmed = (script: string, used: string[] = [], compilersFree = true) => {
    const result = setup(script);
    if (!result.ok || !result.setup) throw new Error("no setup");
    const [out] = leaveBuildOnly([result.setup as SystemSetup], new Set(used), compilersFree);
    return { commands: out.commands, buildOnly: out.buildOnly ?? [], packages: out.alpinePackages };
  };
  test("compilers, make and python3 leave; other packages stay with their options", () => {
    expect(trimmed("apk add --no-cache --virtual-not python3 make g++ tini && rm -rf /var/cache/apk/*")).toEqual({
      commands: ["apk add --no-cache --virtual-not tini", "rm -rf /var/cache/apk/*"],
      buildOnly: ["python3", "make", "g++"],
      packages: ["tini"],
    });
  });
  test("a command the image runs keeps its package; unknown addons keep the compilers", () => {
    expect(trimmed("apk add make g++ python3", ["make"]).commands).toEqual(["apk add make"]);
    expect(trimmed("apk add make g++ python3", [], false).commands).toEqual(["apk add g++"]);
  });
  test("a later RUN's `apk del` of a toolchain package goes too; a virtual group stays as written", () => {
    expect(trimmed("apk del make g++").commands).toEqual([]);
    expect(trimmed("apk add --virtual .gyp make g++ && apk add tini")).toEqual({
      commands: ["apk add --virtual .gyp make g++", "apk add tini"],
      buildOnly: [],
      packages: ["make", "g++", "tini"],
    });
  });
  test("nothing left to add: the RUN goes, cache removal with it; a quoted word keeps the line as written", () => {
    expect(trimmed("apk add --no-cache make g++ && rm -rf /var/cache/apk/*").commands).toEqual([]);
    expect(trimmed("apk add 'make' g++")).toEqual({ commands: ["apk add 'make' g++"], buildOnly: [], packages: ["make", "g++"] });
  });
});
