import { describe, expect, test } from "vitest";
import { instruction } from "../../src/core/ir.js";
import { aptInstallRun, mergeAptRuns } from "./apt-run.js";

const own = ["-y", "--no-install-recommends"];
const packages = (body: ReturnType<typeof mergeAptRuns>) =>
  body.map((i) => (i.keyword === "RUN" ? /apt-get install (.*?) \\/.exec(i.args)?.[1] : i.keyword));

describe("mergeAptRuns", () => {
  test("adjacent installs become one update and one install; the build's plain options hold for both", () => {
    const body = [aptInstallRun(own, ["libpq5"], 9), aptInstallRun(["-y"], ["libxml2", "libpq5"], 2)];
    expect(packages(mergeAptRuns(body))).toEqual(["-y libpq5 libxml2"]);
    expect(packages(mergeAptRuns([aptInstallRun(own, ["a"], 1), aptInstallRun(own, ["b"], 2)]))).toEqual([`${own.join(" ")} a b`]);
  });
  test("installs apart, or with options that are more than how apt talks, stay as they are", () => {
    const apart = [aptInstallRun(own, ["a"], 1), instruction("ENV", "X=1", { line: 2 }), aptInstallRun(own, ["b"], 3)];
    expect(packages(mergeAptRuns(apart))).toHaveLength(3);
    const backports = [aptInstallRun(own, ["a"], 1), aptInstallRun(["-y", "-t", "bookworm-backports"], ["b"], 2)];
    expect(packages(mergeAptRuns(backports))).toHaveLength(2);
  });
});
