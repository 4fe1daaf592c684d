import { describe, expect, test } from "vitest";
import { copyDestination, stageNames } from "./contract.js";

describe("stageNames", () => {
  test("an unnamed stage becomes build + runtime", () =>
    expect(stageNames(null)).toEqual({ builderName: "build", runtimeName: "runtime" }));
  test("a named stage keeps its name on the runtime, so --target still gives the final image", () => {
    expect(stageNames("app")).toEqual({ builderName: "build", runtimeName: "app" });
    expect(stageNames("Build")).toEqual({ builderName: "builder", runtimeName: "Build" });
  });
  test("names of earlier stages are not reused", () => {
    expect(stageNames(null, ["build", "runtime"])).toEqual({ builderName: "builder", runtimeName: null });
  });
});

describe("copyDestination", () => {
  test("a path lands on itself; a one-letter class in its folder; a glob's matches in their folder (red team 17 F22)", () => {
    expect(copyDestination("/app")).toBe("/app");
    expect(copyDestination("/usr/local/lib/python3.11/site-package[s]")).toBe("/usr/local/lib/python3.11/site-packages/");
    expect(copyDestination("/etc/ssl/*.cnf")).toBe("/etc/ssl/");
    expect(copyDestination("/opt/app/conf?.ini")).toBe("/opt/app/");
  });
});
