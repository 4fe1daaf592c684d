import { beforeAll, describe, expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { parseImageRef } from "../../../src/core/image-ref.js";
import { parseDockerfile } from "../../../src/core/parse.js";
import { loadShell } from "../../../src/core/shell.js";
import { analyze } from "../analysis.js";
import { rustRecipe } from "./rust.js";

beforeAll(() => loadShell());

const project = {
  "Cargo.toml": '[package]\nname = "app"\nversion = "0.1.0"\n',
  "Cargo.lock": '[[package]]\nname = "app"\nversion = "0.1.0"\n',
  "src/main.rs": "fn main() {}\n",
};

/** The recipe's plan (copied paths, image and prelude) or its refusal id, for a Dockerfile and context files. */
function plan(dockerfile: string, files: Record<string, string> = {}, runtimePackages: string[] = []) {
  const { dockerfile: df } = parseDockerfile(dockerfile);
  const stage = df.stages[0];
  const context = memoryContext({ ...project, ...files });
  const a = analyze(df, stage, context, "/");
  if (!a.ok) return a.refusal.id;
  const r = rustRecipe.plan(stage.base, a.analysis, context, runtimePackages, { cacheMounts: false, takenNames: new Set(), harden: false });
  if (!r.ok) return r.id;
  return { image: r.plan.image, copyPaths: r.plan.copyPaths, prelude: r.plan.runtimePrelude.map((i) => `${i.keyword} ${i.args}`) };
}
const build = (run: string, cmd: string, from = "rust:1.84-bookworm") => `FROM ${from}\nWORKDIR /app\nCOPY . .\nRUN ${run}\nCMD ${cmd}\n`;

describe("rust runtime image", () => {
  test.each([
    ["rust:1.84-bookworm", "debian:bookworm-slim"],
    ["rust:1-slim-bullseye", "debian:bullseye-slim"],
    ["rust:latest", "debian:trixie-slim"],
    ["rust:slim", "debian:trixie-slim"],
    // Older than the catalog: built on bookworm or before, run on bookworm (no system library linked here).
    ["rust:1.75", "debian:bookworm-slim"],
    ["rust:1.49-slim", "debian:bookworm-slim"],
    // Newer than the catalog: the release is unknown.
    ["rust:1.120", "rustRelease"],
    ["rust:1-alpine", "rustAlpine"],
  ])("%s → %s", (from, image) => {
    const r = plan(build("cargo build --release", '["./target/release/app"]', from));
    expect(typeof r === "string" ? r : r.image).toBe(image);
    expect(rustRecipe.matches(parseImageRef(from))).toBe(true);
  });
});

describe("which binary", () => {
  test.each([
    ["cargo build --release", '["/app/target/release/app"]', ["/app/target/release/app"]],
    ["cargo build", '["./target/debug/app"]', ["/app/target/debug/app"]],
    ["cargo build --profile dist", '["./target/dist/app"]', ["/app/target/dist/app"]],
    [
      "cargo build --release --target x86_64-unknown-linux-musl",
      '["./target/x86_64-unknown-linux-musl/release/app"]',
      ["/app/target/x86_64-unknown-linux-musl/release/app"],
    ],
    ["cargo build --release --target-dir /build", '["/build/release/app"]', ["/build/release/app"]],
    ["cargo build --release && cp target/release/app /usr/local/bin/app", '["app"]', ["/usr/local/bin/app"]],
    ["cargo build --release --bin worker", '["./target/release/worker"]', ["/app/target/release/worker"]],
  ])("%s, CMD %s", (run, cmd, paths) => {
    const r = plan(build(run, cmd), { "src/bin/worker.rs": "fn main() {}\n" });
    expect(typeof r === "string" ? r : r.copyPaths).toEqual(paths);
  });
  test("strip after the build, and --workspace builds every member", () => {
    expect(plan(build("cargo build --release && strip target/release/app", '["./target/release/app"]'))).toMatchObject({
      copyPaths: ["/app/target/release/app"],
    });
    const ws = {
      "Cargo.toml": '[workspace]\nmembers = ["api"]\n',
      "api/Cargo.toml": '[package]\nname = "api"\n',
      "api/src/main.rs": "fn main() {}\n",
      "src/main.rs": "",
    };
    expect(plan(build("cargo build --release --workspace", '["./target/release/api"]'), ws)).toMatchObject({
      copyPaths: ["/app/target/release/api"],
    });
  });
  test("folders the RUNs make stay; a touched source or a removed folder does not", () => {
    const r = plan(
      build(
        "cargo build --release && mkdir -p uploads tmp && chown nobody uploads && rm -rf tmp && touch src/main.rs",
        '["./target/release/app"]',
      ),
    );
    expect(typeof r === "string" ? r : r.copyPaths).toEqual(["/app/target/release/app", "/app/uploads"]);
  });
  test("CARGO_TARGET_DIR from ENV", () => {
    const r = plan(
      'FROM rust:1-bookworm\nENV CARGO_TARGET_DIR=/tmp/t\nWORKDIR /app\nCOPY . .\nRUN cargo build -r\nCMD ["/tmp/t/release/app"]\n',
    );
    expect(typeof r === "string" ? r : r.copyPaths).toEqual(["/tmp/t/release/app"]);
  });
  test("cargo install --path . runs by name through the cargo bin folder", () => {
    const r = plan(build("cargo install --path . --locked", '["app"]'));
    expect(r).toMatchObject({ copyPaths: ["/usr/local/cargo/bin/app"], prelude: ["ENV PATH=/usr/local/cargo/bin:$PATH"] });
  });
  test.each([
    ["cargo build --release", '["cargo", "run", "--release"]', "rustCargoRun"],
    ["cargo build --release", '["./target/release/other"]', "rustEntryNotBuilt"],
    ["cargo run --release --bin seed", '["./target/release/app"]', "rustCargoCommand"],
    ["cargo build --release --manifest-path ../x/Cargo.toml", '["./target/release/app"]', "rustCargoCommand"],
    ["cargo install sqlx-cli && cargo build --release", '["sqlx"]', "rustEntryNotBuilt"],
  ])("%s, CMD %s declines", (run, cmd, id) => expect(plan(build(run, cmd))).toBe(id));
  test("a cargo config that moves the outputs declines; a source replacement does not", () => {
    const run = build("cargo build --release", '["./target/release/app"]');
    expect(plan(run, { ".cargo/config.toml": '[build]\ntarget-dir = "/out"\n' })).toBe("rustCargoCommand");
    expect(plan(run, { ".cargo/config.toml": '[source.crates-io]\nreplace-with = "vendored"\n' })).not.toBe("rustCargoCommand");
  });
  test("no Cargo.toml in the working folder", () => {
    expect(plan('FROM rust:1-bookworm\nWORKDIR /app\nCOPY src src\nRUN cargo build --release\nCMD ["./target/release/app"]\n')).toBe(
      "rustNoManifest",
    );
  });
});

describe("run-time libraries", () => {
  const lock = (...names: string[]) => ({ "Cargo.lock": names.map((n) => `[[package]]\nname = "${n}"\nversion = "1.0.0"\n`).join("\n") });
  test("openssl-sys and native-tls: libssl3 and CA certificates, named for the release", () => {
    const bookworm = plan(build("cargo build --release", '["./target/release/app"]'), lock("openssl-sys", "native-tls"));
    expect(typeof bookworm !== "string" && bookworm.prelude[0]).toMatch(/libssl3 ca-certificates/);
    const trixie = plan(build("cargo build --release", '["./target/release/app"]', "rust:1-trixie"), lock("openssl-sys"));
    expect(typeof trixie !== "string" && trixie.prelude[0]).toMatch(/libssl3t64/);
  });
  test("a library the build's own apt-get install already brings is not installed twice", () => {
    const r = plan(build("cargo build --release", '["./target/release/app"]'), lock("pq-sys"), ["libpq5"]);
    expect(typeof r !== "string" && r.prelude).toEqual([]);
  });
  test("without the Cargo.lock the build used, the crates are unknown", () => {
    const noLock =
      'FROM rust:1-bookworm\nWORKDIR /app\nCOPY Cargo.toml ./\nCOPY src ./src\nRUN cargo build --release\nCMD ["./target/release/app"]\n';
    const withDependency = { "Cargo.toml": '[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\nlog = "0.4"\n' };
    expect(plan(noLock, withDependency)).toBe("rustNoLock");
    // A project that depends on no crate has nothing to resolve.
    expect(plan(noLock)).toMatchObject({ image: "debian:bookworm-slim", copyPaths: ["/app/target/release/app"] });
  });
  test("an unknown -sys crate declines", () => {
    expect(plan(build("cargo build --release", '["./target/release/app"]'), lock("libfoo-sys"))).toBe("rustSysCrate");
  });
});
