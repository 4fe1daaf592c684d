import { describe, expect, test } from "vitest";
import { splitPackages } from "./packages.js";

describe("splitPackages", () => {
  test("on an official python image Debian's Python headers are build-only and bring no libpython", () => {
    const own = splitPackages(["gcc", "python3-dev", "libpython3.11-dev", "libyaml-dev"], new Set(), "listed", "trixie", true);
    expect(own.buildOnly).toEqual(["gcc", "python3-dev", "libpython3.11-dev", "libyaml-dev"]);
    expect(own.runtime).toEqual(["libyaml-0-2"]);
    const debian = splitPackages(["python3-dev"], new Set(), "listed", "trixie");
    expect(debian.runtime.some((p) => p.startsWith("libpython3"))).toBe(true);
  });
  test("compilers, git and headers are build-only; libraries and tools are run-time", () => {
    expect(splitPackages(["build-essential", "git", "jq", "curl", "libpq-dev"], new Set(), "listed", "bookworm")).toEqual({
      buildOnly: ["build-essential", "git", "libpq-dev"],
      runtime: ["jq", "curl", "libpq5"],
      unknownHeaders: [],
    });
  });
  test("headers of an unknown release (or unknown headers) are reported", () => {
    expect(splitPackages(["libpq-dev", "libmadeup-dev"], new Set(), "listed", null).unknownHeaders).toEqual(["libpq-dev", "libmadeup-dev"]);
    expect(splitPackages(["libmadeup-dev"], new Set(), "listed", "bookworm").unknownHeaders).toEqual(["libmadeup-dev"]);
  });
  test("a library already installed by name is not installed twice", () => {
    expect(splitPackages(["libpq5", "libpq-dev", "libmariadb-dev-compat"], new Set(), "listed", "bookworm").runtime).toEqual([
      "libpq5",
      "libmariadb3",
    ]);
  });
  test("a build-only package named by the entry stays", () => {
    expect(splitPackages(["git", "build-essential"], new Set(["git", "make"]))).toEqual({
      buildOnly: [],
      runtime: ["git", "build-essential"],
      unknownHeaders: [],
    });
  });
  test("unlessNamed: what the build runs and the entry does not name goes, except nginx modules", () => {
    const build = new Set(["apt-get", "npm", "curl"]);
    expect(
      splitPackages(["nodejs", "npm", "curl", "libnginx-mod-http-geoip"], new Set(["curl"]), "unlessNamed", null, false, build),
    ).toEqual({
      buildOnly: ["nodejs", "npm"],
      runtime: ["curl", "libnginx-mod-http-geoip"],
      unknownHeaders: [],
    });
    // Nothing in the build uses them: a tool of the image's own (a script it ships, a `/docker-entrypoint.d` hook).
    expect(splitPackages(["inotify-tools", "jq", "gcc"], new Set(), "unlessNamed", null, false, build)).toEqual({
      buildOnly: ["gcc"],
      runtime: ["inotify-tools", "jq"],
      unknownHeaders: [],
    });
  });
  test("version pins are kept and ignored for the lookup", () => {
    expect(splitPackages(["gcc=4:12.2.0-3"], new Set()).buildOnly).toEqual(["gcc=4:12.2.0-3"]);
  });
});
