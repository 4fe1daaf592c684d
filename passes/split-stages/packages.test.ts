import { describe, expect, test } from "vitest";
import { splitPackages } from "./packages.js";

describe("splitPackages", () => {
  test("compilers and git are build-only, libraries and tools are run-time", () => {
    expect(splitPackages(["build-essential", "git", "jq", "curl", "libpq-dev"], new Set())).toEqual({
      buildOnly: ["build-essential", "git"],
      runtime: ["jq", "curl", "libpq-dev"],
    });
  });
  test("a build-only package named by the entry stays", () => {
    expect(splitPackages(["git", "build-essential"], new Set(["git", "make"]))).toEqual({
      buildOnly: [],
      runtime: ["git", "build-essential"],
    });
  });
  test("unlessNamed: everything the entry does not name goes, except nginx modules", () => {
    expect(splitPackages(["nodejs", "npm", "curl", "libnginx-mod-http-geoip"], new Set(["curl"]), "unlessNamed")).toEqual({
      buildOnly: ["nodejs", "npm"],
      runtime: ["curl", "libnginx-mod-http-geoip"],
    });
  });
  test("version pins are kept and ignored for the lookup", () => {
    expect(splitPackages(["gcc=4:12.2.0-3"], new Set()).buildOnly).toEqual(["gcc=4:12.2.0-3"]);
  });
});
