// What `dotnet restore` reads: the solution, its projects and their project references (with their paths),
// packages.lock.json, and the shared MSBuild/NuGet files from each project folder up to the context root.
import { posix } from "node:path";
import { refusal } from "../messages.js";
import { join, refused, type Collector, type Needs } from "./collector.js";
import type { InstallStep } from "../install-commands.js";

const PROJECT = /\.(cs|fs|vb)proj$/;
const DOTNET_SHARED = [
  "Directory.Build.props",
  "Directory.Build.targets",
  "Directory.Packages.props",
  "NuGet.Config",
  "NuGet.config",
  "nuget.config",
  "global.json",
];

export function dotnetManifests(step: InstallStep, c: Collector): Needs {
  const start = step.files.map((f) => join(c.dir, f));
  if (start.some((f) => f === null)) return refused("dotnetOutside");
  const queue =
    start.length > 0
      ? (start as string[])
      : c.ctx
          .list(c.dir || ".")
          .filter((n) => PROJECT.test(n) || n.endsWith(".sln"))
          .map((n) => join(c.dir, n)!);
  if (queue.length === 0) return refused("dotnetNoProject");
  const outputs: string[] = [];
  const folders = new Set<string>();
  const followed = c.follow(queue, (file, text) => {
    const folder = posix.dirname(file);
    folders.add(folder);
    const refs = file.endsWith(".sln")
      ? [...text.matchAll(/^Project\("[^"]*"\)\s*=\s*"[^"]*",\s*"([^"]+)"/gm)].map((m) => m[1]).filter((p) => PROJECT.test(p))
      : [...text.matchAll(/<ProjectReference\s+Include\s*=\s*"([^"]+)"/g)].map((m) => m[1]);
    if (!file.endsWith(".sln") && /<Import\s+Project\s*=\s*"(?!\$\()/.test(text)) return refusal("msbuildImport", { file });
    const paths: string[] = [];
    for (const ref of refs) {
      if (ref.includes("$(")) return refusal("referenceProperty", { file, path: ref });
      const path = join(folder, ref.replace(/\\/g, "/"));
      if (path === null) return refusal("referenceOutside", { file, path: ref });
      paths.push(path);
    }
    if (!file.endsWith(".sln")) {
      const lock = join(folder, "packages.lock.json")!;
      if (c.ctx.exists(lock)) c.add(lock);
      for (const out of ["obj", "bin"]) if (c.ctx.exists(join(folder, out)!)) outputs.push(join(folder, out)!);
    }
    return paths;
  });
  if (!followed.ok) return followed;
  // Shared MSBuild and NuGet files apply from each project's folder up to the context root.
  for (const folder of folders) {
    for (let dir = folder; ; dir = posix.dirname(dir)) {
      for (const name of DOTNET_SHARED) {
        const p = join(dir, name)!;
        if (
          c.ctx.read(p) !== null &&
          /^(Directory\.Build\.(props|targets)|Directory\.Packages\.props)$/.test(name) &&
          /<Import\s+Project\s*=\s*"(?!\$\()/.test(c.ctx.read(p)!)
        ) {
          return refused("msbuildImport", { file: p });
        }
        if (c.ctx.exists(p) && c.ctx.list(dir === "." ? "." : dir).includes(name)) c.add(p);
      }
      if (dir === "." || dir === "") break;
    }
  }
  return { ok: true, paths: c.paths, outputs, reads: c.reads };
}
