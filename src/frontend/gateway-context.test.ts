import { describe, expect, it } from "vitest";
import { FetchedContext, fetchPatterns, listingPatterns, MANIFEST_PATTERNS } from "./gateway-context.js";

const files = (o: Record<string, string>) => new Map(Object.entries(o).map(([k, v]) => [k, Buffer.from(v)]));

describe("FetchedContext", () => {
  const ctx = () => {
    const c = new FetchedContext();
    c.add({ patterns: MANIFEST_PATTERNS }, { files: files({ "package.json": "{}", "requirements-dev.txt": "x\n" }), dirs: new Set() });
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
    c.add({ paths: ["app/start.sh", "src"] }, { files: files({ "app/start.sh": "run" }), dirs: new Set(["src"]) });
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
    c.add({ paths: ["nope"] }, { files: new Map(), dirs: new Set() });
    expect(c.read("nope/file")).toBeNull();
    expect(c.misses.size).toBe(0);
  });

  it("records folders it has not listed, and answers from a listing once fetched", () => {
    const c = ctx();
    expect(c.list(".")).toEqual(["package.json", "requirements-dev.txt"]); // what it knows so far
    expect([...c.listMisses]).toEqual(["."]);
    c.add({ listings: ["."] }, { files: files({ "package.json": "{}", "requirements-dev.txt": "x\n", "main.py": "print()" }), dirs: new Set(["src"]) });
    expect(c.listMisses.size).toBe(0);
    expect(c.list(".")).toEqual(["main.py", "package.json", "requirements-dev.txt", "src"]);
    expect(c.read("main.py")).toBe("print()");
    expect(c.read("other.txt")).toBeNull(); // absent from a listed folder: known missing
    expect(c.exists("src")).toBe(true);
    expect(c.list("nope")).toEqual([]);
    expect(c.misses.size + c.listMisses.size).toBe(0);
    expect(c.list("src")).toEqual([]);
    expect([...c.listMisses]).toEqual(["src"]); // a folder that came without its content
  });

  it("lets the Dockerfile's own ignore file stand in for .dockerignore", () => {
    const c = ctx();
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

describe("listingPatterns", () => {
  it("brings each folder's direct entries and nothing deeper, nested listings included", () => {
    expect(listingPatterns(["src", "."])).toEqual({ include: ["*", "src/*"], exclude: ["*/*", "!src/*", "src/*/*"] });
    expect(listingPatterns(["a/b"])).toEqual({ include: ["a/b/*"], exclude: ["a/b/*/*"] });
  });
});
