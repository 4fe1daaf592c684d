// nginx already serving files: the runtime is the same nginx image without the build toolchain, and it
// receives only what nginx reads (its config, and the folders that config and the default site name).
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import type { Analysis } from "../analysis.js";
import { joinContinuations } from "../../../src/core/run-script.js";
import { parseShell, simpleCommands } from "../../../src/core/shell.js";
import { isUnder, resolvePath } from "../paths.js";
import { isOfficial, keepsEverything, noInserts, type Recipe } from "./types.js";

// The default site, the config (with templates/) and the official image's entrypoint hooks.
const DEFAULT_PATHS = ["/usr/share/nginx/html", "/etc/nginx", "/docker-entrypoint.d"];

/** Absolute paths named in the nginx config files that the build copied from the context. */
function configPaths(a: Analysis, context: BuildContext): string[] {
  const found: string[] = [];
  const scan = (text: string | null) => {
    for (const m of (text ?? "").matchAll(/[\s"'](\/[^\s;"'$]+)/g)) found.push(m[1].replace(/\/+$/, "") || "/");
  };
  for (const [dest, src] of a.sources) {
    if (!isUnder(dest, "/etc/nginx")) continue;
    const text = context.read(src);
    if (text !== null) scan(text);
    else for (const name of context.list(src)) scan(context.read(posix.join(src, name)));
  }
  return found;
}

/** Commands that only set a file's mode or owner, or look at it: they do not consume what they name. */
const MODE_ONLY = new Set(["chmod", "chown", "chgrp", "ls", "test", "[", "stat", "touch"]);

/**
 * Copied paths that hold a file the Dockerfile copies from the build context and that no build step consumes
 * (`COPY reload.sh /home/reload.sh` + `chmod +x`, a script the pod's manifest runs): the image's own material, which
 * the runtime keeps, since nothing says it is the build's. A RUN consumes a path when a command other than a mode
 * or owner change names it, or runs in a folder inside or around it.
 */
function contextMaterial(a: Analysis): string[] {
  const fromContext = (p: string) => [...a.sources.keys()].some((dest) => isUnder(dest, p));
  const consumed = (p: string) =>
    a.stage.body.some((instr, index) => {
      if (instr.keyword !== "RUN") return false;
      const cwd = a.cwdAt[index];
      if (cwd !== null && cwd !== undefined && cwd !== "/" && (isUnder(cwd, p) || isUnder(p, cwd))) return true;
      const script = parseShell(joinContinuations(instr.exec ? instr.exec.join(" ") : instr.args));
      if (!script.ok) return instr.args.includes(p);
      return simpleCommands(script).some(
        (c) =>
          c.name !== null &&
          !MODE_ONLY.has(posix.basename(c.name)) &&
          [c.name, ...c.args.map((w) => w.value ?? w.text)].some((w) => w.includes(p) || (w.startsWith("/") && isUnder(p, w) && w !== "/")),
      );
    });
  return a.copyPaths.filter((p) => fromContext(p) && !consumed(p));
}

export const nginxRecipe: Recipe = {
  id: "nginx",
  matches: (base) => isOfficial(base, "nginx"),
  tools: ["nginx"],
  packagePolicy: "unlessNamed",
  sameBase: true,
  plan(base, a, context, runtimePackages) {
    // Which Alpine packages only build is not known: the runtime would add them all again.
    const apk = a.setup.find((u) => u.alpinePackages.length > 0);
    if (apk) return { ok: false, id: "nginxAlpinePackages", data: { image: base.raw } };
    const read = [...DEFAULT_PATHS, ...configPaths(a, context)];
    // What the entry runs of the build's files (`CMD ["./wrapper.sh"]`, from `/`, the image's working folder):
    // kept; one whose own reach the analysis did not follow may read any copied file, so all are kept.
    const entryFiles = a.entry.flatMap((e) => {
      const file = e.artifact ?? (e.name.includes("/") ? resolvePath(a.workdir ?? "/", e.name) : null);
      return file !== null && a.copyPaths.some((p) => isUnder(file, p)) ? [{ file, followed: e.artifact !== null }] : [];
    });
    const runsUnfollowed = entryFiles.some((f) => !f.followed);
    const own = contextMaterial(a);
    const copyPaths = a.copyPaths.filter(
      (p) =>
        runsUnfollowed || read.some((r) => isUnder(p, r) || isUnder(r, p)) || entryFiles.some((f) => isUnder(f.file, p)) || own.includes(p),
    );
    if (copyPaths.length === 0) return { ok: false, id: "nothingServed", data: { image: base.raw } };
    // Same image, every package kept, every output copied: the split would rebuild the same image.
    if (keepsEverything(a, runtimePackages) && copyPaths.length === a.copyPaths.length) {
      return { ok: false, id: "nothingToGain", data: { image: base.raw } };
    }
    return { ok: true, plan: { image: base.raw, shellless: false, ...noInserts, copyPaths } };
  },
};
