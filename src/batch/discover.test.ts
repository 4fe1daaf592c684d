import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";
import { discover, repositoryRoot } from "./discover.js";

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), "msb-discover-"));
  for (const dir of ["a", "a/b"]) {
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, "Dockerfile"), "FROM scratch\n");
  }
  symlinkSync("..", join(root, "a", "b", "up")); // a loop
  symlinkSync(".", join(root, "a", "here")); // another
  return root;
}

describe("discover", () => {
  test("does not follow folder links by default, and names them", () => {
    const root = tree();
    const { targets, passed } = discover([root]);
    expect(targets.map((t) => relative(root, t.path))).toEqual(["a/Dockerfile", "a/b/Dockerfile"]);
    expect(passed.map((p) => [relative(root, p.path), p.kind])).toEqual([
      ["a/b/up", "link"],
      ["a/here", "link"],
    ]);
  });

  test("--follow-symlinks walks each real folder once, so loops end without duplicates", () => {
    const root = tree();
    const { targets } = discover([root], { followSymlinks: true });
    expect(targets.map((t) => relative(root, t.path))).toEqual(["a/Dockerfile", "a/b/Dockerfile"]);
  });

  test("the repository root is the nearest folder up with a .git", () => {
    const root = tree();
    expect(repositoryRoot(join(root, "a", "b"))).toBe(join(root, "a", "b"));
    mkdirSync(join(root, ".git"));
    expect(repositoryRoot(join(root, "a", "b"))).toBe(root);
  });

  test("a compose file gives its services' build contexts, also through an escape that spells `build`", () => {
    const root = mkdtempSync(join(tmpdir(), "msb-discover-"));
    for (const dir of ["app", "app/ctx", "other"]) mkdirSync(join(root, dir), { recursive: true });
    for (const dir of ["app", "other"]) writeFileSync(join(root, dir, "Dockerfile"), "FROM scratch\n");
    writeFileSync(join(root, "app", "compose.yaml"), 'services:\n  web:\n    "bu\\u0069ld": { context: ctx, dockerfile: ../Dockerfile }\n');
    writeFileSync(join(root, "other", "compose.yaml"), "services:\n  web:\n    image: nginx\n");
    const { targets } = discover([root]);
    expect(targets.map((t) => [relative(root, t.path), relative(root, t.context)])).toEqual([
      ["app/Dockerfile", "app/ctx"],
      ["other/Dockerfile", "other"],
    ]);
  });

  test("a Dockerfile's own ignore file (`Dockerfile.dockerignore`, `Containerfile.dockerignore`) is not taken for a Dockerfile", () => {
    const root = mkdtempSync(join(tmpdir(), "msb-discover-"));
    for (const name of ["Dockerfile", "Containerfile", "app.Dockerfile"]) {
      writeFileSync(join(root, name), "FROM scratch\n");
      writeFileSync(join(root, `${name}.dockerignore`), "node_modules\n");
    }
    const { targets } = discover([root]);
    expect(targets.map((t) => relative(root, t.path))).toEqual(["Containerfile", "Dockerfile", "app.Dockerfile"]);
  });

  test("a template a generator makes a Dockerfile from is skipped and reported; named on its own it is taken", () => {
    const root = mkdtempSync(join(tmpdir(), "msb-discover-"));
    writeFileSync(join(root, "Dockerfile"), "FROM scratch\n");
    for (const name of ["Dockerfile.template", "Dockerfile.in", "Dockerfile.j2"]) writeFileSync(join(root, name), "FROM %%BASE%%\n");
    const { targets, passed } = discover([root]);
    expect(targets.map((t) => relative(root, t.path))).toEqual(["Dockerfile"]);
    expect(passed.map((p) => [relative(root, p.path), p.kind])).toEqual([
      ["Dockerfile.in", "template"],
      ["Dockerfile.j2", "template"],
      ["Dockerfile.template", "template"],
    ]);
    expect(discover([join(root, "Dockerfile.template")]).targets).toHaveLength(1);
  });
});
