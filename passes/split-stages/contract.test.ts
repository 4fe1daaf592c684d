import { describe, expect, test } from "vitest";
import { stageNames } from "./contract.js";

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
