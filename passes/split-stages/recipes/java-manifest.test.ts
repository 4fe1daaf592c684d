import { describe, expect, it } from "vitest";
import { fsContext } from "../../../src/core/context.js";
import { jarCreation, manifestClassPath } from "./java-manifest.js";

describe("jarCreation", () => {
  it("reads the manifest file in the order of the letters", () => {
    expect(jarCreation("jar cfm app.jar manifest.txt -C classes .", "app.jar")).toEqual({ manifest: "manifest.txt" });
    expect(jarCreation("javac x && jar cvmf META-INF/MANIFEST.MF out/app.jar -C classes .", "app.jar")).toEqual({
      manifest: "META-INF/MANIFEST.MF",
    });
    expect(jarCreation("jar cfe app.jar Main -C classes .", "app.jar")).toEqual({ manifest: null });
    expect(jarCreation("jar --create --file=app.jar --manifest m.txt -C classes .", "app.jar")).toEqual({ manifest: "m.txt" });
  });
  it("ignores other jars and other commands", () => {
    expect(jarCreation("jar cf lib.jar -C x .", "app.jar")).toBeNull();
    expect(jarCreation("jar tf app.jar", "app.jar")).toBeNull();
  });
});

describe("manifestClassPath", () => {
  const context = fsContext("testdata/split-stages/java-manifest-class-path");
  const sources = new Map([["/app/manifest.txt", "manifest.txt"]]);
  it("resolves Class-Path entries against the jar's folder", () => {
    expect(manifestClassPath("manifest.txt", "/app/app.jar", "/app", sources, context)).toEqual(["/app/lib/greeting.jar"]);
  });
  it("is unknown when the manifest is not in the context", () => {
    expect(manifestClassPath("gen.txt", "/app/app.jar", "/app", sources, context)).toBeNull();
  });
});
