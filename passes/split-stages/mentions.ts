// Programs can run other programs (`exec.Command("git")`, `system("make")`, `subprocess.run(["gcc"])`).
// Before a package is dropped, the build context's source files are searched for its commands written as
// a quoted string: one mention keeps the package. Tests and dev tools' configs are not searched.
import type { BuildContext } from "../../src/core/context.js";
import { isTestOrToolFile } from "../../src/core/source-roles.js";

const SKIP_DIRS = /^(\.|node_modules$|vendor$|target$|dist$|build$|__pycache__$)/;
/** Manifests, lockfiles and prose name tools without running them (`"type": "git"` in package.json). */
const SKIP_FILES = /(^package(-lock)?\.json$|\.(lock|md|txt|rst|sum|mod|toml|ya?ml)$|^LICENSE)/i;
const MAX_FILES = 2000;
const MAX_BYTES = 256 * 1024;

/**
 * The `commands` that some context source file names in quotes (`"git"`, `'make -C x'`, `"/usr/bin/gcc"`),
 * each with the first file that does.
 */
export function mentionedCommands(context: BuildContext, commands: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  if (commands.length === 0) return found;
  const patterns = commands.map((c) => [c, new RegExp(`["'\`](?:[\\w./-]*/)?${c.replace(/[+.]/g, "\\$&")}(?=["'\`\\s])`)] as const);
  let files = 0;
  const walk = (dir: string, depth: number) => {
    for (const name of context.list(dir)) {
      if (files >= MAX_FILES || found.size === commands.length) return;
      const path = dir === "." ? name : `${dir}/${name}`;
      // Manifests and prose are never searched: do not read them (a folder so named is not searched either).
      if (SKIP_FILES.test(name)) continue;
      // Tests and lint or format configs run under dev tools, never in the image.
      if (isTestOrToolFile(path)) continue;
      const text = context.read(path);
      if (text === null) {
        // A virtualenv committed with the sources (`pyvenv.cfg`): the developer's pip and setuptools, not the app's code.
        if (depth < 6 && !SKIP_DIRS.test(name) && !context.exists(`${path}/pyvenv.cfg`)) walk(path, depth + 1);
        continue;
      }
      files++;
      if (text.length > MAX_BYTES || text.includes("\u0000")) continue;
      for (const [command, re] of patterns) if (!found.has(command) && re.test(text)) found.set(command, path);
    }
  };
  walk(".", 0);
  return found;
}
