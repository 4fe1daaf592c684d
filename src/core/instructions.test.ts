import { describe, expect, test } from "vitest";
import { copyOperands, declaredVariables, workdirAt, workdirPath } from "./instructions.js";
import { instruction } from "./ir.js";

describe("copyOperands", () => {
  test("shell and JSON forms, with continuations", () => {
    expect(copyOperands(instruction("COPY", "a b \\\n  ./dest/"))).toEqual({ sources: ["a", "b"], dest: "./dest/" });
    expect(copyOperands(instruction("ADD", '["my file", "/x"]'))).toEqual({ sources: ["my file"], dest: "/x" });
  });
  test("null for one word, broken JSON, another keyword", () => {
    expect(copyOperands(instruction("COPY", "only"))).toBeNull();
    expect(copyOperands(instruction("COPY", '["a", 1]'))).toBeNull();
    expect(copyOperands(instruction("RUN", "a b"))).toBeNull();
  });
});

describe("workdirAt", () => {
  const body = [instruction("WORKDIR", "/app"), instruction("WORKDIR", "api/"), instruction("RUN", "x"), instruction("WORKDIR", "$DIR")];
  test("follows absolute and relative WORKDIRs up to the index", () => {
    expect(workdirAt(body, 0)).toBeNull();
    expect(workdirAt(body, 1)).toBe("/app");
    expect(workdirAt(body, 3)).toBe("/app/api");
  });
  test("a variable makes it unknown, and a relative WORKDIR after an unknown one too", () => {
    expect(workdirAt(body, 4)).toBeNull();
    expect(workdirAt([instruction("WORKDIR", "rel")], 1)).toBeNull();
  });
  test("Docker removes the quotes around the path; single quotes keep a `$` literal (bw256/dockerSpring)", () => {
    expect(workdirAt([instruction("WORKDIR", "'/app'")], 1)).toBe("/app");
    expect(workdirAt([instruction("WORKDIR", '"/srv/api/"')], 1)).toBe("/srv/api");
    expect(workdirPath("'/a$b'")).toEqual({ path: "/a$b", literal: true });
    expect(workdirPath('"$HOME/app"')).toEqual({ path: "$HOME/app", literal: false });
  });
});

describe("declaredVariables", () => {
  test("ENV pairs with quotes, the legacy form, ARG with and without default", () => {
    expect(declaredVariables(instruction("ENV", "A=1 B=\"two words\" C='$x'"))).toEqual([
      { name: "A", value: "1" },
      { name: "B", value: "two words" },
      { name: "C", value: "$x" },
    ]);
    expect(declaredVariables(instruction("ENV", "PIP_CONFIG_FILE /etc/pip.conf"))).toEqual([
      { name: "PIP_CONFIG_FILE", value: "/etc/pip.conf" },
    ]);
    expect(declaredVariables(instruction("ARG", "A B=2"))).toEqual([
      { name: "A", value: null },
      { name: "B", value: "2" },
    ]);
  });
  test("null for other keywords and unreadable text", () => {
    expect(declaredVariables(instruction("LABEL", "a=b"))).toBeNull();
    expect(declaredVariables(instruction("ENV", "A=1 =oops"))).toBeNull();
  });
});
