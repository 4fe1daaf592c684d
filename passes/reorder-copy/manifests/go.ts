// What `go mod download` reads: go.mod and go.sum, and the go.mod of each module replaced by a local folder
// (the module graph needs it, not its sources); a go.work workspace needs its modules' sources.
import { posix } from "node:path";
import { join, refused, type Collector, type Needs } from "./collector.js";

export function goManifests(c: Collector): Needs {
  const gowork = c.site.env.get("GOWORK");
  if (gowork !== "off") {
    for (let dir = c.dir || "."; ; dir = posix.dirname(dir)) {
      if (c.ctx.exists(join(dir, "go.work") ?? "go.work")) return refused("goWorkspace");
      if (dir === ".") break;
    }
  }
  const mod = c.require("go.mod");
  if (!mod.ok) return mod;
  const bad =
    c.configured(["GOENV"]) ??
    c.configured(["GOFLAGS"], (flags) => /(?:^|\s)-modfile=(\S+)/.exec(flags)?.[1] ?? null, true) ??
    // A module proxy in a folder (`GOPROXY=file:///goproxy`) is read like a configuration file.
    c.configured(
      ["GOPROXY"],
      (proxies) =>
        proxies
          .split(/[,|]/)
          .filter((p) => p.startsWith("file://"))
          .map((p) => p.slice("file://".length))
          .join(" "),
      true,
    );
  if (bad) return bad;
  for (const target of localReplacements(mod.text)) {
    const folder = target.startsWith("/") ? null : join(c.dir, target);
    const replaced = folder === null ? null : join(folder, "go.mod");
    if (replaced === null || !c.ctx.exists(replaced)) return refused("goReplaceOutside", { path: target });
    c.add(replaced);
  }
  c.optional("go.sum");
  return c.done([]);
}

/** Folders that `replace` directives point at (`=> ./lib`, `=> ../lib`, `=> /abs`). */
export function localReplacements(goMod: string): string[] {
  const text = goMod.replace(/\/\/.*$/gm, "");
  return [...text.matchAll(/=>\s*("?)(\.{1,2}\/[^\s"]*|\.{1,2}|\/[^\s"]*)\1(?=\s|$)/g)].map((m) => m[2]);
}

/** Does go.mod ask for any module (a `require`), so that `go mod download` has something to fetch? */
export const hasRequirements = (goMod: string) => /^\s*require\b/m.test(goMod.replace(/\/\/.*$/gm, ""));
