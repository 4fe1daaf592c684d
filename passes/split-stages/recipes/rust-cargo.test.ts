import { describe, expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { cargoBins, crateNeeds, dependsOnNothing, lockedCrates } from "./rust-cargo.js";

describe("cargoBins", () => {
  test("the package's main, its src/bin files and [[bin]] tables", () => {
    const ctx = memoryContext({
      "Cargo.toml": '[package]\nname = "web"\n\n[[bin]]\nname = "migrate"\npath = "tools/migrate.rs"\n',
      "src/main.rs": "fn main() {}",
      "src/bin/worker.rs": "fn main() {}",
      "src/bin/admin/main.rs": "fn main() {}",
    });
    const r = cargoBins(ctx, ".");
    expect(r.ok && r.bins.map((b) => b.name).sort()).toEqual(["admin", "migrate", "web", "worker"]);
  });
  test("autobins = false keeps only [[bin]] tables; a library makes none", () => {
    const off = memoryContext({ "Cargo.toml": '[package]\nname = "x"\nautobins = false\n', "src/main.rs": "" });
    expect(cargoBins(off, ".")).toEqual({ ok: true, bins: [] });
  });
  test("workspace members, literal and folder/*", () => {
    const ctx = memoryContext({
      "Cargo.toml": '[workspace]\nmembers = ["api", "crates/*"]\n',
      "api/Cargo.toml": '[package]\nname = "api"\n',
      "api/src/main.rs": "",
      "crates/util/Cargo.toml": '[package]\nname = "util"\n',
      "crates/util/src/lib.rs": "",
    });
    expect(cargoBins(ctx, ".")).toEqual({ ok: true, bins: [{ name: "api", pkg: "api", dir: "api" }] });
    const glob = memoryContext({ "Cargo.toml": '[workspace]\nmembers = ["crates/a*"]\n' });
    expect(cargoBins(glob, ".").ok).toBe(false);
  });
});

describe("crateNeeds", () => {
  const lock = (...names: string[]) =>
    memoryContext({ "Cargo.lock": names.map((n) => `[[package]]\nname = "${n}"\nversion = "1.0.0"\n`).join("\n") });
  test("-sys crates map to their -dev package; a vendored copy needs nothing", () => {
    expect(crateNeeds(lockedCrates(lock("openssl-sys", "pq-sys", "windows-sys"), ".")).libraries).toEqual([
      { crate: "openssl-sys", dev: "libssl-dev" },
      { crate: "pq-sys", dev: "libpq-dev" },
    ]);
    expect(crateNeeds(lockedCrates(lock("openssl-sys", "openssl-src"), ".")).libraries).toEqual([]);
  });
  test("an unknown -sys crate is named", () => {
    expect(crateNeeds(new Set(["libfoo-sys", "serde"])).unknown).toBe("libfoo-sys");
  });
  test("TLS crates that read the system's roots, not bundled webpki roots", () => {
    expect(crateNeeds(new Set(["reqwest", "native-tls"])).caRoots).toBe("native-tls");
    expect(crateNeeds(new Set(["reqwest", "rustls", "webpki-roots"])).caRoots).toBeNull();
  });
});

describe("dependsOnNothing", () => {
  const manifest = (toml: string) => dependsOnNothing(memoryContext({ "Cargo.toml": `[package]\nname = "app"\n\n${toml}` }), ".");
  test("empty dependency tables, comments only, or none at all", () => {
    expect(manifest("")).toBe(true);
    expect(manifest("[dependencies]\n\n[profile.release]\nlto = true\n")).toBe(true);
    expect(manifest('[dependencies]\n# serde = "1"\n[build-dependencies]\n')).toBe(true);
  });
  test("any entry of any dependency table, a dependency's own table, or a workspace", () => {
    expect(manifest('[dependencies]\nserde = "1"\n')).toBe(false);
    expect(manifest('[build-dependencies]\ncc = "1"\n')).toBe(false);
    expect(manifest('[dev-dependencies]\nproptest = "1"\n')).toBe(false);
    expect(manifest("[target.'cfg(unix)'.dependencies]\nlibc = \"0.2\"\n")).toBe(false);
    expect(manifest('[dependencies.serde]\nversion = "1"\n')).toBe(false);
    expect(manifest('[workspace]\nmembers = ["a"]\n')).toBe(false);
    expect(dependsOnNothing(memoryContext({ "Cargo.toml": 'dependencies.log = "0.4"\n[package]\nname = "app"\n' }), ".")).toBe(false);
    expect(dependsOnNothing(memoryContext({}), ".")).toBe(false);
  });
});
