import { beforeAll, describe, expect, test } from "vitest";
import { parseDockerfile } from "../../src/core/parse.js";
import { loadShell } from "../../src/core/shell.js";
import { envAt, userAt } from "./run-user.js";

beforeAll(() => loadShell());

/** The user and environment of the last RUN of the last stage. */
function at(text: string) {
  const { dockerfile } = parseDockerfile(text);
  const stage = dockerfile.stages[dockerfile.stages.length - 1];
  const index = stage.body.length - 1;
  return { user: userAt(dockerfile, stage, index), env: envAt(dockerfile, stage, index) };
}

describe("userAt", () => {
  test.each([
    ["FROM debian\nRUN true\n", { root: true }],
    ["FROM debian\nUSER root\nRUN true\n", { root: true }],
    ["FROM debian\nUSER app\nRUN true\n", { root: false, user: "app", uid: null, gid: null, home: null }],
    ["FROM debian\nUSER 1000:1000\nRUN true\n", { root: false, user: "1000:1000", uid: 1000, gid: 1000, home: null }],
    [
      "FROM debian\nRUN groupadd -g 2000 grp && useradd -u 1500 -g grp -d /srv/app app\nUSER app\nRUN true\n",
      { root: false, user: "app", uid: 1500, gid: 2000, home: "/srv/app" },
    ],
    [
      "FROM alpine AS base\nRUN addgroup -g 101 -S web && adduser -S -D -u 100 -G web -h /var/www web\nFROM base\nUSER web:web\nRUN true\n",
      { root: false, user: "web:web", uid: 100, gid: 101, home: "/var/www" },
    ],
    [
      "FROM debian\nRUN useradd -m -u 1001 app\nUSER 1001\nRUN true\n",
      { root: false, user: "1001", uid: 1001, gid: null, home: "/home/app" },
    ],
  ])("%j", (text, expected) => expect(at(text).user).toEqual(expected));
});

describe("envAt", () => {
  test("key=value and legacy forms, later wins, inherited from the base stage", () => {
    const { env } = at('FROM debian AS a\nENV A=1 B="two words"\nFROM a\nENV C 3 4\nENV A=5\nRUN true\n');
    expect(Object.fromEntries(env)).toEqual({ A: "5", B: "two words", C: "3 4" });
  });
});
