import { beforeAll, describe, expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { parseImageRef } from "../../../src/core/image-ref.js";
import { loadShell } from "../../../src/core/shell.js";
import type { Analysis } from "../analysis.js";
import { gccLibDir, gccRecipe } from "./gcc.js";

beforeAll(loadShell);
const analysis = (run: string) =>
  ({
    stage: { from: { line: 1 }, body: [{ keyword: "RUN", args: run, line: 2 }] },
    lastBuild: 0,
    copyPaths: ["/app"],
    apt: [],
    workdir: "/app",
    cwdAt: ["/app"],
    sources: new Map(),
    owners: new Map(),
    runWrites: [{ path: "/app", index: 0 }],
    compileRuns: new Set(),
    rootWrite: null,
  }) as unknown as Analysis;
const plan = (ref: string, run = "gcc -o app main.c") =>
  gccRecipe.plan(parseImageRef(ref), analysis(run), memoryContext({}), [], {
    cacheMounts: false,
    takenNames: new Set(),
    harden: false,
    builderName: "builder",
  });

describe("gcc recipe", () => {
  test.each([
    ["gcc", "debian:trixie-slim"],
    ["gcc:latest", "debian:trixie-slim"],
    ["gcc:14", "debian:trixie-slim"],
    ["gcc:14-bookworm", "debian:bookworm-slim"],
    ["gcc:13.4.0", "debian:bookworm-slim"],
    ["gcc:12", "debian:bookworm-slim"],
  ])("%s runs on %s", (ref, runtime) => {
    const r = plan(ref);
    expect(r.ok && r.plan.image).toBe(runtime);
  });

  test("a tag the catalog does not know declines", () => {
    const r = plan("gcc:9");
    expect(r.ok ? null : r.id).toBe("gccImageRelease");
  });

  test("a C++ program takes libstdc++ and libgcc_s from the build stage, found through ldconfig", () => {
    const r = plan("gcc:14", "g++ -o app main.cpp");
    expect(
      r.ok && r.plan.runtimePrelude.map((i) => `${i.keyword} ${i.flags.map((f) => `--${f.name}=${f.value} `).join("")}${i.args}`),
    ).toEqual([
      "COPY --from=builder /usr/local/lib64/libstdc++.so.6 /usr/local/lib64/libgcc_s.so.1 /usr/local/lib64/",
      "COPY --from=builder /etc/ld.so.conf.d/000-local-lib.conf /etc/ld.so.conf.d/000-local-lib.conf",
      "RUN ldconfig",
    ]);
  });

  test("a plain C program needs nothing beyond glibc; a preinstalled library gets its run-time package", () => {
    const plain = plan("gcc:14", "gcc -o app main.c -lm -lpthread");
    expect(plain.ok && plain.plan.runtimePrelude).toEqual([]);
    const ssl = plan("gcc:14", "gcc -o app main.c -lssl -lcrypto");
    expect(ssl.ok && ssl.plan.runtimePrelude[0].args).toContain("libssl3t64");
    const bookworm = plan("gcc:13", "gcc -o app main.c -lssl");
    expect(bookworm.ok && bookworm.plan.runtimePrelude[0].args).toMatch(/\blibssl3\b/);
  });

  test("an unknown library and gcc's other run-time libraries decline", () => {
    const unknown = plan("gcc:14", "gcc -o app main.c -lmicrohttpd");
    expect(unknown.ok ? null : unknown.id).toBe("gccLibraryUnknown");
    const asan = plan("gcc:14", "gcc -fsanitize=address -o app main.c");
    expect(asan.ok ? null : asan.id).toBe("gccRuntimeOther");
  });
});

test("gccLibDir: lib64 on 64-bit platforms (and without --platform), lib on 32-bit ones, null for a variable", () => {
  expect(gccLibDir(null)).toBe("/usr/local/lib64");
  expect(gccLibDir("linux/arm64")).toBe("/usr/local/lib64");
  expect(gccLibDir("linux/arm/v7")).toBe("/usr/local/lib");
  expect(gccLibDir("linux/386")).toBe("/usr/local/lib");
  expect(gccLibDir("$TARGETPLATFORM")).toBeNull();
});
