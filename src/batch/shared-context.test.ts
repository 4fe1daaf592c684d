import { describe, expect, test } from "vitest";
import type { FileResult } from "./process-file.js";
import { mergeSharedProposals } from "./shared-context.js";

const DF = "FROM scratch\nCOPY app /app\n";
const HEAD = "# Added by msb-opt --write-dockerignore (checked against every COPY and ADD source)\n";

function result(name: string, context: string, dockerignore: string | null): FileResult {
  return {
    path: `/repo/${context}/${name}`,
    context: `/repo/${context}`,
    display: `${context}/${name}`,
    status: dockerignore === null ? "unchanged" : "changed",
    original: DF,
    output: DF,
    diff: "",
    changes: dockerignore === null ? [] : [{ pass: "dockerignore", line: 2, kind: "change", message: "Wrote a `.dockerignore`." }],
    refusals: [],
    files: dockerignore === null ? [] : [{ path: ".dockerignore", before: null, after: `${HEAD}${dockerignore}` }],
    error: null,
  };
}

describe("mergeSharedProposals", () => {
  test("one context, two proposals: the entries both propose, carried by the first Dockerfile, with its diff", () => {
    const merged = mergeSharedProposals(
      [result("Dockerfile", "app", ".git\nnode_modules\n**/*.log\n"), result("worker.Dockerfile", "app", ".git\n**/*.log\n.env*\n")],
      "/repo",
    );
    expect(merged[0].files).toEqual([{ path: ".dockerignore", before: null, after: `${HEAD}.git\n**/*.log\n` }]);
    expect(merged[0].diff).toContain("+++ b/app/.dockerignore");
    expect(merged[0].changes.at(-1)?.message).toMatch(/adds `\.git`, `\*\*\/\*\.log`.* Left `node_modules` out of it/);
    expect(merged[1].files).toEqual([]);
    expect(merged[1].status).toBe("refused");
    expect(merged[1].refusals.at(-1)?.message).toMatch(/proposed once, with `app\/Dockerfile`.* Left `\.env\*` out of it/);
  });

  test("a Dockerfile of the context that proposed nothing: nothing is proposed, and the others say why", () => {
    const merged = mergeSharedProposals([result("Dockerfile", "app", ".git\n"), result("b.Dockerfile", "app", null)], "/repo");
    expect(merged.flatMap((r) => r.files)).toEqual([]);
    expect(merged[0].status).toBe("refused");
    expect(merged[0].refusals[0].message).toMatch(/`app\/b\.Dockerfile` is built from the same context and proposed none/);
  });

  test("Dockerfiles with their own contexts keep their own proposals", () => {
    const input = [result("Dockerfile", "a", ".git\n"), result("Dockerfile", "b", ".env*\n")];
    const merged = mergeSharedProposals(input, "/repo");
    expect(merged.map((r) => r.files)).toEqual(input.map((r) => r.files));
  });
});
