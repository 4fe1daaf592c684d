// A Node tag that moves between majors (`node:lts`, `node:current`, `node`): the split plans on the release pin-tags
// pins it to in the same run, so the runtime is that release's slim image and never a second moving tag; else it declines.
import { describe, expect, it } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { optimize } from "../../src/core/pipeline.js";

const files = {
  "package.json": JSON.stringify({ name: "a", version: "1.0.0", dependencies: { ms: "2.1.3" } }),
  "package-lock.json": JSON.stringify({
    name: "a",
    version: "1.0.0",
    lockfileVersion: 3,
    requires: true,
    packages: {
      "": { name: "a", version: "1.0.0", dependencies: { ms: "2.1.3" } },
      "node_modules/ms": { version: "2.1.3", resolved: "https://registry.npmjs.org/ms/-/ms-2.1.3.tgz" },
    },
  }),
  "server.js": 'require("ms");\n',
};
const dockerfile = (tag: string) =>
  `FROM node${tag}\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "server.js"]\n`;
const run = (tag: string, extra: Record<string, unknown> = {}) =>
  optimize(dockerfile(tag), { offline: true, today: "2026-09-01", context: memoryContext(files), ...extra });

describe("a moving Node tag (node:lts, node:current, node)", () => {
  it("plans the split on the release pin-tags pins it to, so the runtime is no second moving tag", async () => {
    for (const tag of [":lts", ":current", ""]) {
      const result = await run(tag);
      const froms = result.output.split("\n").filter((l) => l.startsWith("FROM") || l.startsWith("ARG"));
      expect(froms.join("\n")).not.toMatch(/lts|current|node:slim/);
      expect(result.output).toMatch(/^FROM node:\$\{NODE_VERSION\}-slim AS runtime$/m);
      expect(result.changes.map((n) => n.message).join("\n")).toMatch(/Planned the split on `node:\d+\.\d+\.\d+`/);
      // A fixed point: the second run finds the build pinned and changes nothing.
      const again = await optimize(result.output, { offline: true, today: "2026-09-01", context: memoryContext(files) });
      expect(again.output).toBe(result.output);
    }
  });
  it("declines when pin-tags does not pin it (skipped, or a catalog too old to trust for a moving tag)", async () => {
    for (const result of [await run(":lts", { skip: ["pin-tags"] }), await run(":lts", { today: "2026-12-05" })]) {
      expect(result.output).not.toMatch(/AS runtime/);
      expect(result.refusals.map((n) => n.message).join("\n")).toMatch(/`node:lts-slim`, a second moving tag/);
    }
  });
  it("leaves a release line alone (`node:22` → `node:22-slim` is one major)", async () => {
    const result = await run(":22");
    expect(result.output).toMatch(/AS runtime/);
    expect(result.changes.map((n) => n.message).join("\n")).not.toMatch(/Planned the split/);
  });
});
