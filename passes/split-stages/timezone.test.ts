import { beforeAll, describe, expect, test } from "vitest";
import { loadShell, parseShell, simpleCommands } from "../../src/core/shell.js";
import { timezoneCommand } from "./timezone.js";

beforeAll(() => loadShell());

function kinds(script: string, declared: readonly string[] = ["TZ"]) {
  const parsed = parseShell(script);
  if (!parsed.ok) throw new Error("unparsed");
  return simpleCommands(parsed).map((c) => timezoneCommand(c, new Set(declared)));
}

describe("timezoneCommand", () => {
  test("the link, the name and tzdata's own setup", () => {
    expect(kinds("ln -snf /usr/share/zoneinfo/$TZ /etc/localtime && echo $TZ > /etc/timezone")).toEqual(["zoneFile", "zoneName"]);
    expect(kinds('ln -sf "/usr/share/zoneinfo/${TZ}" /etc/localtime && echo "${TZ}" > /etc/timezone')).toEqual(["zoneFile", "zoneName"]);
    expect(kinds("cp /usr/share/zoneinfo/Asia/Tokyo /etc/localtime")).toEqual(["zoneFile"]);
    expect(kinds("dpkg-reconfigure -f noninteractive tzdata")).toEqual(["reconfigure"]);
    expect(kinds("dpkg-reconfigure --frontend=noninteractive tzdata")).toEqual(["reconfigure"]);
  });
  test("a zone from a variable the stage does not declare, or a computed one, is not known", () => {
    expect(kinds("ln -snf /usr/share/zoneinfo/$ZONE /etc/localtime", ["TZ"])).toEqual([null]);
    expect(kinds("ln -snf /usr/share/zoneinfo/$(cat /zone) /etc/localtime")).toEqual([null, null]);
    expect(kinds("echo $TZ$TZ > /etc/timezone")).toEqual([null]);
  });
  test("other targets, a hard link, a conditional run or an append are something else", () => {
    expect(kinds("ln -sf /usr/share/zoneinfo/UTC /etc/other")).toEqual([null]);
    expect(kinds("ln /usr/share/zoneinfo/UTC /etc/localtime")).toEqual([null]);
    expect(kinds("test -f /x || ln -sf /usr/share/zoneinfo/UTC /etc/localtime")).toEqual([null, null]);
    expect(kinds("echo $TZ >> /etc/timezone")).toEqual([null]);
    expect(kinds("dpkg-reconfigure tzdata")).toEqual([null]);
  });
});
