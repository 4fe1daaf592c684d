import { describe, expect, it } from "vitest";
import { FetchedContext, fetchPatterns, MANIFEST_PATTERNS } from "./gateway-context.js";

const files = (o: Record<string, string>) => new Map(Object.entries(o).map(([k, v]) => [k, Buffer.from(v)]));

describe("FetchedContext", () => {
  const ctx = () => {
    const c = new FetchedContext();
    c.add({ patterns: MANIFEST_PATTERNS, paths: [] }, { files: files({ "package.json": "{}", "requirements-dev.txt": "x\n" }), dirs: new Set() });
    return c;
  };

  it("answers manifests from the first fetch, and knows which ones are missing", () => {
    const c = ctx();
    expect(c.read("package.json")).toBe("{}");
    expect(c.read("./requirements-dev.txt")).toBe("x\n");
    expect(c.read("go.mod")).toBeNull();
    expect(c.exists("Cargo.toml")).toBe(false);
    expect(c.misses.size).toBe(0);
  });

  it("records paths it cannot answer, and forgets them once fetched", () => {
    const c = ctx();
    expect(c.read("app/start.sh")).toBeNull();
    expect(c.exists("src")).toBe(false);
    expect(c.read("../outside")).toBeNull();
    expect([...c.misses].sort()).toEqual(["app/start.sh", "src"]);
    c.add({ patterns: [], paths: ["app/start.sh", "src"] }, { files: files({ "app/start.sh": "run" }), dirs: new Set(["src"]) });
    expect(c.misses.size).toBe(0);
    expect(c.read("app/start.sh")).toBe("run");
    expect(c.exists("src")).toBe(true);
    expect(c.exists("app")).toBe(true);
    expect(c.read("src/index.js")).toBeNull(); // inside a folder fetched without content: a miss
    expect([...c.misses]).toEqual(["src/index.js"]);
    expect(c.read("gone/x")).toBeNull();
  });

  it("treats paths under a missing path as missing", () => {
    const c = ctx();
    c.add({ patterns: [], paths: ["nope"] }, { files: new Map(), dirs: new Set() });
    expect(c.read("nope/file")).toBeNull();
    expect(c.misses.size).toBe(0);
  });

  it("lists what it knows, and lets the Dockerfile's own ignore file stand in for .dockerignore", () => {
    const c = ctx();
    c.add({ patterns: [], paths: ["app/start.sh"] }, { files: files({ "app/start.sh": "run" }), dirs: new Set() });
    expect(c.list(".")).toEqual(["app", "package.json", "requirements-dev.txt"]);
    expect(c.list("app")).toEqual(["start.sh"]);
    c.override(".dockerignore", "node_modules\n");
    expect(c.read(".dockerignore")).toBe("node_modules\n");
  });
});

describe("fetchPatterns", () => {
  it("fetches folders without their content, except the requested paths inside them", () => {
    expect(fetchPatterns({ patterns: [], paths: ["src", "app/start.sh", "app", "app/lib"] })).toEqual({
      include: ["app", "app/lib", "app/start.sh", "src"],
      exclude: ["app/*", "src/*", "!app/lib", "app/lib/*", "!app/start.sh", "app/start.sh/*"],
    });
    expect(fetchPatterns({ patterns: ["go.mod"], paths: [] })).toEqual({ include: ["go.mod"], exclude: [] });
  });
});
