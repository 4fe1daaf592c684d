import { describe, expect, it } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { gccRuntime } from "./gcc-runtime.js";

const none = memoryContext({});

describe("gccRuntime", () => {
  it("reads the flags of a Makefile in the context", () => {
    const context = memoryContext({ Makefile: "CFLAGS = -O2 -fopenmp\nLDLIBS = -lquadmath\n" });
    expect(gccRuntime(["make"], context, ["."], "bookworm", ["gcc"])).toEqual({
      packages: ["libgomp1", "libquadmath0"],
      flags: ["`-fopenmp`", "`-lquadmath`"],
    });
  });

  it("names the sanitizer library of the release's default gcc", () => {
    expect(gccRuntime(["gcc -fsanitize=address -o app main.c"], none, ["."], "bookworm", ["gcc"]).packages).toEqual(["libasan8"]);
    expect(gccRuntime(["gcc -fsanitize=address -o app main.c"], none, ["."], "bullseye", ["gcc"]).packages).toEqual(["libasan6"]);
  });

  it("follows a versioned compiler the build installs", () => {
    expect(gccRuntime(["gcc-11 -fsanitize=thread -fopenmp main.c"], none, ["."], "bookworm", ["gcc-11"]).packages).toEqual([
      "libgomp1",
      "libtsan0",
    ]);
  });

  it("needs nothing without such flags, and knows no names for an unknown release", () => {
    expect(gccRuntime(["gcc -O2 -o app main.c -lz"], none, ["."], "bookworm", ["gcc"])).toEqual({ packages: [], flags: [] });
    expect(gccRuntime(["gcc -fopenmp main.c"], none, ["."], null, ["gcc"]).packages).toBeNull();
  });
});
