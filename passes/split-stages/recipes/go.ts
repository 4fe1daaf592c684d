// Go: a static build (CGO_ENABLED=0) onto distroless/static when the entry needs no shell, else the
// same Debian release, slim.
import { instruction } from "../../../src/core/ir.js";
import type { BuildContext } from "../../../src/core/context.js";
import { isOfficial, splitCodename, type Recipe, type RecipeNote } from "./types.js";

/** Does any .go file of the context (a few levels deep, skipping vendored and hidden folders) use cgo? */
function usesCgo(context: BuildContext, dir = ".", depth = 0): boolean {
  if (depth > 4) return false;
  for (const name of context.list(dir)) {
    const path = dir === "." ? name : `${dir}/${name}`;
    if (name.endsWith(".go") && /^\s*import\s+(\(\s*)?"C"/m.test(context.read(path) ?? "")) return true;
    if (!/^\.|^(vendor|node_modules|testdata)$|\.\w+$/.test(name) && usesCgo(context, path, depth + 1)) return true;
  }
  return false;
}

export const goRecipe: Recipe = {
  id: "go",
  matches: (base) => isOfficial(base, "golang"),
  tools: [],
  plan(base, a, context, runtimePackages) {
    const tag = base.tag ?? "latest";
    if (/alpine/.test(tag)) return { ok: false, id: "noRuntimeImage", data: { image: base.raw } };
    const goBuild = a.stage.body.findIndex((i) => i.keyword === "RUN" && /\bgo\s+build\b/.test(i.args));
    const text = a.stage.body.map((i) => (i.keyword === "ENV" || i.keyword === "RUN" || i.keyword === "ARG" ? i.args : "")).join("\n");
    const cgoSet = /CGO_ENABLED=?\s*\S/.test(text);
    const cgo = /CGO_ENABLED=?\s*1/.test(text) || usesCgo(context);
    const notes: RecipeNote[] = [];
    const builderInserts = [];
    if (!cgo && !cgoSet && goBuild >= 0) {
      const line = a.stage.body[goBuild].line;
      builderInserts.push({ before: goBuild, instructions: [instruction("ENV", "CGO_ENABLED=0", { line })] });
      notes.push({ line, id: "staticGo" as const, data: {} });
    }
    const entryNeedsShell = a.entry.some((e) => e.shell || e.artifact === null);
    const shellless = !cgo && goBuild >= 0 && !entryNeedsShell && runtimePackages.length === 0;
    // golang images set WORKDIR /go; keep it when the Dockerfile sets none.
    const prelude = a.workdir === null ? [instruction("WORKDIR", "/go", { line: a.stage.from.line })] : [];
    if (shellless) {
      const hasUser = a.stage.body.some((i) => i.keyword === "USER");
      // The original ran as root; distroless images may default to another user.
      if (!hasUser) prelude.push(instruction("USER", "root", { line: a.stage.from.line }));
      notes.push({ line: a.stage.from.line, id: "distroless", data: { user: hasUser ? "" : ", and `USER root` keeps the original user" } });
      const nonRootUser = { name: "65532:65532", chown: "65532:65532" };
      return {
        ok: true,
        plan: { image: "gcr.io/distroless/static-debian12", shellless, builderInserts, runtimePrelude: prelude, notes, nonRootUser },
      };
    }
    const codename = splitCodename(tag).codename ?? "bookworm";
    return { ok: true, plan: { image: `debian:${codename}-slim`, shellless, builderInserts, runtimePrelude: prelude, notes } };
  },
};
