import { describe, expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { binPackages } from "./bins.js";

const manifest = JSON.stringify({
  dependencies: { git: "1.0.0", ws: "8.0.0" },
  devDependencies: { "@nestjs/cli": "10.0.0", nodemon: "3.0.0" },
});

describe("binPackages", () => {
  test("an npm lockfile is the whole evidence: the commands it records for direct dependencies", () => {
    const lock = JSON.stringify({
      lockfileVersion: 3,
      packages: {
        "": {},
        "node_modules/@nestjs/cli": { bin: { nest: "bin/nest.js" } },
        "node_modules/nodemon": { bin: { nodemon: "bin/nodemon.js" } },
        "node_modules/semver": { bin: { semver: "bin/semver.js" } },
        "node_modules/ws": {},
      },
    });
    const bins = binPackages(memoryContext({ "app/package.json": manifest, "app/package-lock.json": lock }), "app/package.json");
    expect([...bins]).toEqual([
      ["nest", "@nestjs/cli"],
      ["nodemon", "nodemon"],
    ]);
  });
  test("a direct dependency a stale npm lockfile does not list (yarn installs from yarn.lock): its name", () => {
    const stale = JSON.stringify({ lockfileVersion: 3, packages: { "": {}, "node_modules/nodemon": {} } });
    const bins = binPackages(memoryContext({ "package.json": manifest, "package-lock.json": stale, "yarn.lock": "" }), "package.json");
    expect(bins.get("ws")).toBe("ws");
    expect(bins.get("nest")).toBe("@nestjs/cli");
    // The lockfile lists nodemon with no commands: it provides none.
    expect(bins.has("nodemon")).toBe(false);
  });
  test("without one: the table of CLIs and same-named packages, never an OS tool's name", () => {
    const bins = binPackages(memoryContext({ "package.json": manifest }), "package.json");
    expect(bins.get("nest")).toBe("@nestjs/cli");
    expect(bins.get("nodemon")).toBe("nodemon");
    expect(bins.get("ws")).toBe("ws");
    expect(bins.has("git")).toBe(false);
  });
  test("an unreadable manifest provides nothing", () => {
    expect(binPackages(memoryContext({ "package.json": "{" }), "package.json").size).toBe(0);
    expect(binPackages(memoryContext({}), null).size).toBe(0);
  });
});
