// The warm-rebuild measurement with a stand-in engine: both sides build at once from one edit, which is undone
// after the builds and when they are stopped; or (`alone`) each side by itself, in turns, each with its own edit.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { Docker } from "./docker.js";
import { startRebuild } from "./rebuild.js";

function engine(seen: string[], file: string, edits: string[] = []) {
  const build = (o: { tag: string; signal?: AbortSignal }) => {
    const text = readFileSync(file, "utf8");
    seen.push(`${o.tag}: ${text.includes("msb-opt verify") ? "edited" : "plain"}`);
    edits.push(text);
    return new Promise<{ code: number; stdout: string; stderr: string; seconds: number }>((done) => {
      const timer = setTimeout(() => done({ code: 0, stdout: "", stderr: "", seconds: o.tag === "a" ? 2 : 1 }), 30);
      o.signal?.addEventListener("abort", () => {
        clearTimeout(timer);
        done({ code: 130, stdout: "", stderr: "stopped", seconds: 0 });
      });
    });
  };
  return { build } as unknown as Docker;
}

describe("startRebuild", () => {
  const app = () => {
    const dir = mkdtempSync(join(tmpdir(), "msb-rebuild-"));
    writeFileSync(join(dir, "server.py"), "print(1)\n");
    writeFileSync(join(dir, "Dockerfile"), "FROM python\n");
    return dir;
  };
  const request = (dir: string, seen: string[]) => ({
    docker: engine(seen, join(dir, "server.py")),
    context: dir,
    dockerfile: join(dir, "Dockerfile"),
    text: "FROM python:slim\n",
    tags: ["a", "b"] as const,
    rounds: 1,
    edit: { restore: null },
  });

  test("both sides build the same edit at once; the file is put back after", async () => {
    const dir = app();
    const seen: string[] = [];
    const rebuild = startRebuild(request(dir, seen));
    expect(seen).toEqual(["a: edited", "b: edited"]);
    expect(rebuild?.editedFile).toBe("server.py");
    expect(await rebuild?.seconds).toEqual([2, 1]);
    expect(readFileSync(join(dir, "server.py"), "utf8")).toBe("print(1)\n");
  });

  test("alone: each side builds by itself with an edit of its own, the first side taking turns; medians and rounds", async () => {
    const dir = app();
    const seen: string[] = [];
    const edits: string[] = [];
    const rebuild = startRebuild({ ...request(dir, seen), docker: engine(seen, join(dir, "server.py"), edits), rounds: 3, alone: true });
    expect(await rebuild?.seconds).toEqual([2, 1]);
    expect(await rebuild?.samples).toEqual([
      [2, 2, 2],
      [1, 1, 1],
    ]);
    expect(seen).toEqual(["a: edited", "b: edited", "b: edited", "a: edited", "a: edited", "b: edited"]);
    // No build saw another's edit: a shared step re-runs for each, as it would alone.
    expect(new Set(edits).size).toBe(6);
    expect(readFileSync(join(dir, "server.py"), "utf8")).toBe("print(1)\n");
  });

  test("alone: the second side does not build before the first is done", async () => {
    const dir = app();
    const seen: string[] = [];
    const rebuild = startRebuild({ ...request(dir, seen), alone: true });
    expect(seen).toEqual(["a: edited"]);
    await rebuild?.seconds;
    expect(seen).toEqual(["a: edited", "b: edited"]);
  });

  test("stopped (the probes found a difference): no times, and the file is put back", async () => {
    const dir = app();
    const rebuild = startRebuild(request(dir, []));
    await rebuild?.stop();
    expect(await rebuild?.seconds).toEqual([null, null]);
    expect(readFileSync(join(dir, "server.py"), "utf8")).toBe("print(1)\n");
  });
});
