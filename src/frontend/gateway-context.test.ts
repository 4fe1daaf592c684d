import { describe, expect, it } from "vitest";
import { FetchedContext, fetchPatterns, listingPatterns } from "./gateway-context.js";

const files = (o: Record<string, string>) => new Map(Object.entries(o).map(([k, v]) => [k, Buffer.from(v)]));

describe("FetchedContext", () => {
  /** After the first fetch: the listing of the context root. */
  const ctx = () => {
    const c = new FetchedContext();
    c.add({ listings: ["."] }, { files: files({ "package.json": "{}", "requirements-dev.txt": "x\n" }), dirs: new Set(["app", "src"]) });
    return c;
  };

  it("answers top-level files from the root listing, and knows which ones are missing", () => {
    const c = ctx();
    expect(c.read("package.json")).toBe("{}");
    expect(c.read("./requirements-dev.txt")).toBe("x\n");
    expect(c.read("go.mod")).toBeNull();
    expect(c.exists("Cargo.toml")).toBe(false);
    expect(c.exists("src")).toBe(true);
    expect(c.read("lib/x.js")).toBeNull(); // no `lib` at the root
    expect(c.list(".")).toEqual(["app", "package.json", "requirements-dev.txt", "src"]);
    expect(c.misses.size + c.listMisses.size).toBe(0);
  });

  it("records paths it cannot answer, and forgets them once fetched", () => {
    const c = ctx();
    expect(c.read("app/start.sh")).toBeNull();
    expect(c.exists("src/lib")).toBe(false);
    expect(c.read("../outside")).toBeNull();
    expect([...c.misses].sort()).toEqual(["app/start.sh", "src/lib"]);
    c.add({ paths: ["app/start.sh", "src/lib"] }, { files: files({ "app/start.sh": "run" }), dirs: new Set(["src/lib"]) });
    expect(c.misses.size).toBe(0);
    expect(c.read("app/start.sh")).toBe("run");
    expect(c.exists("src/lib")).toBe(true);
    expect(c.read("src/lib/index.js")).toBeNull(); // inside a folder fetched without content: a miss
    expect([...c.misses]).toEqual(["src/lib/index.js"]);
  });

  it("treats paths under a missing path as missing", () => {
    const c = ctx();
    c.add({ paths: ["src/nope"] }, { files: new Map(), dirs: new Set() });
    expect(c.read("src/nope/file")).toBeNull();
    expect(c.misses.size).toBe(0);
  });

  it("records folders it has not listed, and answers from a listing once fetched", () => {
    const c = ctx();
    c.add({ paths: ["src/a.js"] }, { files: files({ "src/a.js": "a" }), dirs: new Set() });
    expect(c.list("src")).toEqual(["a.js"]); // what it knows so far
    expect([...c.listMisses]).toEqual(["src"]);
    c.add({ listings: ["src"] }, { files: files({ "src/a.js": "a", "src/b.js": "b" }), dirs: new Set(["src/lib"]) });
    expect(c.listMisses.size).toBe(0);
    expect(c.list("src")).toEqual(["a.js", "b.js", "lib"]);
    expect(c.read("src/c.js")).toBeNull(); // absent from a listed folder: known missing
    expect(c.list("nope")).toEqual([]);
    expect(c.list("package.json")).toEqual([]); // a file has no entries
    expect(c.misses.size + c.listMisses.size).toBe(0);
    expect(c.list("src/lib")).toEqual([]);
    expect([...c.listMisses]).toEqual(["src/lib"]); // a folder that came without its content
  });

  it("lets the Dockerfile's own ignore file stand in for .dockerignore", () => {
    const c = ctx();
    c.override(".dockerignore", "node_modules\n");
    expect(c.read(".dockerignore")).toBe("node_modules\n");
  });
});

describe("fetchPatterns", () => {
  it("fetches folders without their content, except the requested paths inside them", () => {
    expect(fetchPatterns(["src", "app/start.sh", "app", "app/lib"])).toEqual({
      include: ["app", "app/lib", "app/start.sh", "src"],
      exclude: ["app/*", "src/*", "!app/lib", "app/lib/*", "!app/start.sh", "app/start.sh/*"],
    });
    expect(fetchPatterns(["go.mod"])).toEqual({ include: ["go.mod"], exclude: ["go.mod/*"] });
  });
});

describe("listingPatterns", () => {
  it("brings each folder's direct entries and nothing deeper, nested listings included", () => {
    expect(listingPatterns(["src", "."])).toEqual({ include: ["*", "src/*"], exclude: ["*/*", "!src/*", "src/*/*"] });
    expect(listingPatterns(["a/b"])).toEqual({ include: ["a/b/*"], exclude: ["a/b/*/*"] });
  });
});
