import { describe, expect, test } from "vitest";
import data from "./debian-dev-libs.json" with { type: "json" };
import libdevel from "./debian-libdevel.json" with { type: "json" };
import {
  DEBIAN_TABLE_RELEASE,
  devDependsOf,
  headersOnly,
  isBuildOnlyPackage,
  isHeaders,
  libsOfDev,
  runtimePackagesFor,
} from "./debian-libs.js";
import { splitPackages } from "../packages.js";

describe("the generated -dev → library table", () => {
  test.each(["bookworm", "trixie"] as const)("%s: names its version and date, and is sorted", (release) => {
    const table = data.releases[release];
    expect(table.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const keys = Object.keys(table.libs);
    expect(keys).toEqual([...keys].sort());
    expect(keys.length).toBeGreaterThan(1000);
  });
  test("library names differ between releases (libssl3 → libssl3t64 in trixie)", () => {
    expect(libsOfDev("libssl-dev", "trixie")).toEqual(["libssl3t64"]);
  });
  test.each([
    ["libpq-dev", ["libpq5"]],
    ["libjpeg-dev", ["libjpeg62-turbo"]],
    ["libxml2-dev", ["libxml2"]],
    ["zlib1g-dev", ["zlib1g"]],
    ["libssl-dev", ["libssl3"]],
    ["libffi-dev", ["libffi8"]],
    ["libsqlite3-dev", ["libsqlite3-0"]],
  ])("%s → %j", (dev, libs) => expect(libsOfDev(dev)).toEqual(libs));
  test("a -dev that only depends on other -dev packages is followed (default-libmysqlclient-dev)", () => {
    expect(libsOfDev("default-libmysqlclient-dev")).toEqual(["libmariadb3"]);
  });
  test("unknown names and other releases are unknown", () => {
    expect(libsOfDev("libnotreal-dev")).toBeNull();
    expect(libsOfDev("libpq-dev", "buster")).toBeNull();
    // Headers alone (architecture-independent, standing for no library): the runtime needs nothing of them.
    expect(libsOfDev("nlohmann-json3-dev", "bookworm")).toEqual([]);
  });
});

describe("runtimePackagesFor", () => {
  test("drops compilers and headers, adds the run-time libraries, keeps the rest in order", () => {
    const r = runtimePackagesFor(["build-essential", "libpq-dev=15.*", "curl", "gcc-12", "libjpeg-dev", "pkg-config", "libpq5"]);
    expect(r.packages).toEqual(["curl", "libpq5", "libjpeg62-turbo"]);
    expect(r.dropped).toEqual(["build-essential", "libpq-dev=15.*", "gcc-12", "libjpeg-dev", "pkg-config"]);
    expect(r.unknown).toEqual([]);
    expect(r.evidence).toEqual([
      { dev: "libpq-dev", libs: ["libpq5"] },
      { dev: "libjpeg-dev", libs: ["libjpeg62-turbo"] },
    ]);
  });
  test("a -dev the table does not know is reported, not guessed", () => {
    const r = runtimePackagesFor(["gcc", "libmadeup-dev"]);
    expect(r.unknown).toEqual(["libmadeup-dev"]);
    expect(r.packages).toEqual([]);
  });
  test("another Debian release: every -dev is unknown", () => {
    expect(runtimePackagesFor(["libpq-dev"], "buster").unknown).toEqual(["libpq-dev"]);
    expect(DEBIAN_TABLE_RELEASE).toBe("bookworm");
  });
  test("build-only names", () => {
    for (const p of [
      "gcc",
      "g++",
      "make",
      "build-essential",
      "pkg-config",
      "cmake",
      "autoconf",
      "g++-12",
      "libc6-dev",
      "libmariadb-dev-compat",
    ]) {
      expect(isBuildOnlyPackage(p), p).toBe(true);
    }
    for (const p of ["curl", "libpq5", "ca-certificates", "python3", "tzdata"]) expect(isBuildOnlyPackage(p), p).toBe(false);
  });
});

test("the libdevel list is the table's headers packages without `-dev` (scripts/debian-runtime-libs.mjs --derive)", () => {
  const names = new Set(Object.values(data.releases).flatMap((t) => Object.keys(t.libs)));
  expect(libdevel).toEqual([...names].filter((n) => !n.endsWith("-dev")).sort());
  expect(isHeaders("libmariadb-dev-compat")).toBe(true);
  expect(isHeaders("libpq-dev")).toBe(true);
  expect(isHeaders("curl")).toBe(false);
});

test("a headers-only package (architecture-independent, no library in any Debian release) needs nothing on any release", () => {
  for (const name of ["nlohmann-json3-dev", "libasio-dev"]) expect(headersOnly(name), name).toBe(true);
  // A library package in some release, or a name the table lacks, stays unknown off Debian.
  for (const name of ["libsqlite3-dev", "libpq-dev", "libboost-dev", "no-such-dev"]) expect(headersOnly(name), name).toBe(false);
  const none = new Set<string>();
  expect(splitPackages(["g++", "nlohmann-json3-dev", "libpq-dev"], none, "listed", null)).toMatchObject({
    buildOnly: ["g++", "nlohmann-json3-dev", "libpq-dev"],
    unknownHeaders: ["libpq-dev"],
  });
});

describe("devDependsOf: the -dev packages apt installs along with one", () => {
  test("libspdlog-dev brings libfmt-dev, on every release of the table", () => {
    for (const release of ["bullseye", "bookworm", "trixie"])
      expect(devDependsOf("libspdlog-dev", release)).toContainEqual({ dev: "libfmt-dev", via: "libspdlog-dev" });
  });
  test("a -dev that depends on no library headers, or an unknown release, brings none", () => {
    expect(devDependsOf("libfmt-dev", "bookworm")).toEqual([]);
    expect(devDependsOf("libspdlog-dev", "jammy")).toEqual([]);
  });
});
