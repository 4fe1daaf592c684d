import { describe, expect, it } from "vitest";
import type { OptimizeOptions, OptimizeResult } from "../core/pipeline.js";
import { optimize } from "../core/pipeline.js";
import type { Dialect } from "./dialect.js";
import { FetchedContext } from "./gateway-context.js";
import { shellLoaded } from "../core/shell.js";
import { parseFast } from "../core/shell-fast.js";
import { rewrite, summary, WARM_UP_SCRIPT, warmUp, withDialectDirective } from "./rewrite.js";

const d12: Dialect = { minor: 2, labs: false, reason: "test" };

describe("withDialectDirective", () => {
  it("shows the passes the inner frontend's syntax on the same line, and puts the user's line back", () => {
    const text = "# escape=`\n# syntax=localhost/msb-opt:dev passes=merge-run\nFROM debian\n";
    const { text: seen, restore } = withDialectDirective(text, d12);
    expect(seen).toBe("# escape=`\n# syntax=docker/dockerfile:1.2\nFROM debian\n");
    expect(restore(seen.replace("FROM debian", "FROM debian:bookworm"))).toBe(text.replace("FROM debian", "FROM debian:bookworm"));
  });

  it("keeps CRLF line ends and leaves files without a syntax line alone", () => {
    const crlf = "# syntax=msb\r\nFROM a\r\n";
    expect(withDialectDirective(crlf, d12).text).toBe("# syntax=docker/dockerfile:1.2\r\nFROM a\r\n");
    expect(withDialectDirective(crlf, d12).restore(withDialectDirective(crlf, d12).text)).toBe(crlf);
    expect(withDialectDirective("FROM a\n# syntax=x\n", d12).text).toBe("FROM a\n# syntax=x\n");
  });
});

/** A stand-in for optimize: reads the files a pass would, and "changes" the file when they exist. */
function reading(paths: string[], seen: OptimizeOptions[] = []) {
  return async (text: string, options: OptimizeOptions = {}): Promise<OptimizeResult> => {
    seen.push(options);
    const found = paths.filter((p) => options.context?.read(p) !== null);
    const changed = found.length === paths.length;
    const output = changed ? text.replace("RUN a\nRUN b", "RUN a && b") : text;
    const changes = changed ? [{ pass: "merge-run", line: 3, kind: "change" as const, message: "Merged." }] : [];
    return { output, changes, refusals: [], diff: "", files: [] };
  };
}

const input = {
  text: "# syntax=msb\nFROM a\nRUN a\nRUN b\n",
  filename: "Dockerfile",
  dialect: d12,
  options: { fallback: "none" as const },
};

describe("rewrite", () => {
  it("gives the library the dialect, no syntax-directive changes and no network", async () => {
    const seen: OptimizeOptions[] = [];
    await rewrite(
      { ...input, options: { fallback: "none", skip: ["pin-tags"], pin: "tag", harden: true, cacheMounts: true } },
      new FetchedContext(),
      async () => {},
      { optimizer: reading([], seen) },
    );
    expect(seen[0]).toMatchObject({
      syntaxDirective: "never",
      offline: true,
      skip: ["pin-tags"],
      pin: "tag",
      harden: true,
      cacheMounts: true,
      filename: "Dockerfile",
    });
  });

  it("pins base images only when the user asks (pin=)", async () => {
    const seen: OptimizeOptions[] = [];
    await rewrite(input, new FetchedContext(), async () => {}, { optimizer: reading([], seen) });
    expect(seen[0].pin).toBe("none");
  });

  it("fetches the files a pass asked for and runs the passes again", async () => {
    const ctx = new FetchedContext();
    ctx.add({ listings: ["."] }, { files: new Map(), dirs: new Set(["app"]) });
    const fetched: string[][] = [];
    const r = await rewrite(
      input,
      ctx,
      async ({ paths }) => {
        fetched.push(paths);
        ctx.add({ paths }, { files: new Map([["app/start.sh", Buffer.from("#!/bin/sh\n")]]), dirs: new Set() });
      },
      { optimizer: reading(["app/start.sh", "package.json"]) },
    );
    expect(fetched).toEqual([["app/start.sh"]]); // package.json is known to be missing: not fetched again
    expect(r.output).toBe(input.text); // package.json is missing, so the stand-in made no change
    const ctx2 = new FetchedContext();
    const r2 = await rewrite(
      input,
      ctx2,
      async ({ paths }) => {
        ctx2.add({ paths }, { files: new Map([["app/start.sh", Buffer.from("x")]]), dirs: new Set() });
      },
      { optimizer: reading(["app/start.sh"]) },
    );
    expect(r2.output).toBe("# syntax=msb\nFROM a\nRUN a && b\n");
    expect(summary(r2)).toBe("[msb-opt] 1 change: merge-run");
  });

  it("stops fetching after the given rounds", async () => {
    let calls = 0;
    const ctx = new FetchedContext();
    const seen: OptimizeOptions[] = [];
    await rewrite(input, ctx, async () => void calls++, { optimizer: reading(["never/there"], seen), rounds: 2 });
    expect(calls).toBe(2);
    // Then it plans as without a context rather than from a partial view.
    expect(seen.map((o) => o.context?.available)).toEqual([true, true, true, false]);
  });

  it("fetches the listing of a folder a pass listed", async () => {
    const ctx = new FetchedContext();
    const requests: unknown[] = [];
    const optimizer = async (text: string, options: OptimizeOptions = {}): Promise<OptimizeResult> => {
      const names = options.context?.list("src") ?? [];
      return {
        output: names.length > 0 ? `${text}# ${names.join(",")}\n` : text,
        changes: names.length > 0 ? [{ pass: "p", line: 1, kind: "change", message: "m" }] : [],
        refusals: [],
        diff: "",
        files: [],
      };
    };
    const r = await rewrite(
      input,
      ctx,
      async (req) => {
        requests.push(req);
        ctx.add({ listings: req.listings }, { files: new Map([["src/a.js", Buffer.from("a")]]), dirs: new Set(["src/lib"]) });
      },
      { optimizer },
    );
    expect(requests).toEqual([{ paths: [], listings: ["src"] }]);
    expect(r.output.endsWith("# a.js,lib\n")).toBe(true);
  });

  it("hands on the original file when the library cannot read it", async () => {
    const r = await rewrite(input, new FetchedContext(), async () => {}, {
      optimizer: async () => {
        throw new Error("line 2: unknown instruction FROMM");
      },
    });
    expect(r.output).toBe(input.text);
    expect(summary(r)).toBe("[msb-opt] left the Dockerfile unchanged: line 2: unknown instruction FROMM");
  });

  it("with the real library, outputs exactly what optimize() gives for the file", async () => {
    const text = "# syntax=localhost/msb-opt:dev\nFROM debian:bookworm-slim\nRUN apt-get update\nRUN apt-get install -y curl\n";
    const r = await rewrite({ ...input, text }, new FetchedContext(), async () => {});
    const direct = await optimize(text.replace("localhost/msb-opt:dev", "docker/dockerfile:1.2"), {
      syntaxDirective: "never",
      offline: true,
      pin: "none",
    });
    expect(r.output).toBe(direct.output.replace("docker/dockerfile:1.2", "localhost/msb-opt:dev"));
    expect(r.changes.length).toBe(direct.changes.length);
  });

  it("warms up the shell grammar itself: its script is one only tree-sitter parses", async () => {
    expect(parseFast(WARM_UP_SCRIPT)).toBeNull();
    await expect(warmUp()).resolves.toBeUndefined();
    expect(shellLoaded()).toBe(true);
  });

  it("summarizes changes by pass, with the refusals counted", () => {
    const note = (pass: string, kind: "change" | "refusal") => ({ pass, line: 1, kind, message: "m" });
    expect(
      summary({
        output: "",
        changes: [note("merge-run", "change"), note("merge-run", "change"), note("split-stages", "change")],
        refusals: [note("pin-tags", "refusal")],
      }),
    ).toBe("[msb-opt] 3 changes: merge-run ×2, split-stages (1 declined)");
    expect(summary({ output: "", changes: [], refusals: [] })).toBe("[msb-opt] no changes");
  });
});
