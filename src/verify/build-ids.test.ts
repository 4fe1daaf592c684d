import { describe, expect, test } from "vitest";
import { renamedPerBuild } from "./build-ids.js";

describe("renamedPerBuild", () => {
  const before = ["/app/.next/static/Xk3_9aQpL2mZ0rT7bWc1d/_buildManifest.js", "/app/.next/static/Xk3_9aQpL2mZ0rT7bWc1d/_ssgManifest.js"];
  const after = ["/app/.next/static/pQ8vN2e-J5hYt0sR4aZk1/_buildManifest.js", "/app/.next/static/pQ8vN2e-J5hYt0sR4aZk1/_ssgManifest.js"];

  test("a Next.js build id folder named anew pairs up file by file", () => {
    const { pairs } = renamedPerBuild(before, after);
    expect([...pairs]).toEqual([
      [before[0], after[0]],
      [before[1], after[1]],
    ]);
  });

  test("a folder whose files differ is not a rename", () => {
    expect(renamedPerBuild(before, after.slice(0, 1)).pairs.size).toBe(0);
  });

  test("a plain name that only differs is a missing file, not a rename", () => {
    expect(renamedPerBuild(["/app/public/logo.png"], ["/app/public/icon.png"]).pairs.size).toBe(0);
    expect(renamedPerBuild(["/app/dist/server.js"], ["/app/dist/worker.js"]).pairs.size).toBe(0);
  });

  test("two candidates of the same shape leave the pairing unproven", () => {
    const extra = ["/app/dist/main.a1b2c3d4.js", "/app/dist/main.e5f6a7b8.js"];
    expect(renamedPerBuild(["/app/dist/main.0f9e8d7c.js"], extra).pairs.size).toBe(0);
    expect(renamedPerBuild(["/app/dist/main.0f9e8d7c.js"], extra.slice(0, 1)).pairs.size).toBe(1);
  });
});
