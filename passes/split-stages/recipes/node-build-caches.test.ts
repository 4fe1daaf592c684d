import { describe, expect, test } from "vitest";
import { buildCaches } from "./node-build-caches.js";

const none = () => null;
const files = (map: Record<string, string>) => (f: string) => map[f] ?? null;

describe("build tools' caches", () => {
  test("next build keeps webpack's cache under .next/cache, not the fetch and image caches the server reads", () => {
    expect(buildCaches([["next", "build"]], none, { dependencies: { next: "^14.2.0" } })).toEqual([
      { path: ".next/cache/webpack", tool: "next build" },
    ]);
  });

  test("no cache where the version or the settings leave its place unknown", () => {
    // A range over several majors may resolve to Next 16, which builds with Turbopack.
    expect(buildCaches([["next", "build"]], none, { dependencies: { next: ">=14" } })).toEqual([]);
    expect(buildCaches([["next", "build"]], none, { dependencies: { next: "16.0.3" } })).toEqual([]);
    expect(buildCaches([["next", "build", "--webpack"]], none, { dependencies: { next: "16.0.3" } })).toHaveLength(1);
    const distDir = files({ "next.config.js": "module.exports = { distDir: 'out' }" });
    expect(buildCaches([["next", "build"]], distDir, { dependencies: { next: "14.2.35" } })).toEqual([]);
    expect(buildCaches([["astro", "build", "--root", "site"]], none, {})).toEqual([]);
    expect(buildCaches([["ng", "build"]], none, {})).toEqual([]);
  });

  test("one mount per cache however often the tools run", () => {
    const pkg = { devDependencies: { "@docusaurus/core": "3.10.0" } };
    const tools = [
      ["docusaurus", "build", "--out-dir", "public"],
      ["docusaurus", "build"],
    ];
    expect(buildCaches(tools, none, pkg)).toEqual([{ path: "node_modules/.cache/webpack", tool: "docusaurus build" }]);
  });
});
