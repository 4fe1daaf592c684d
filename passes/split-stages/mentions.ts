// Programs can run other programs (`exec.Command("git")`, `system("make")`, `subprocess.run(["gcc"])`).
// Before a package is dropped, the build context's source files are searched for its commands written as
// a quoted string: one mention keeps the package. Tests and dev tools' configs are not searched.
import type { BuildContext } from "../../src/core/context.js";
import { isTestOrToolFile } from "../../src/core/source-roles.js";

const SKIP_DIRS = /^(\.|node_modules$|vendor$|target$|dist$|build$|__pycache__$|coverage$)/;
/**
 * Manifests, lockfiles, prose and other Dockerfiles name tools without running them (`"type": "git"` in
 * package.json, `RUN apt-get install python3`).
 */
const SKIP_FILES =
  /(^package(-lock)?\.json$|^tsconfig.*\.json$|\.(lock|md|txt|rst|sum|mod|toml|ya?ml|log)$|^LICENSE|^Dockerfile|\.dockerfile$|^Containerfile)/i;
const MAX_FILES = 2000;
const MAX_BYTES = 256 * 1024;

/** Calls that run a program (Node, Python, Go, Ruby, PHP, shell libraries), with the program first. */
const CALL = String.raw`\b(?:Command::new|spawn|spawnSync|exec|execSync|execFile|execFileSync|execa|execaSync|execaCommand|run|call|check_call|check_output|Popen|system|popen|getoutput|getstatusoutput|Command|CommandContext|shell_exec|passthru|proc_open)\s*\(\s*\[?\s*`;

/**
 * The `commands` that some context source file names in quotes (`"git"`, `'make -C x'`, `"/usr/bin/gcc"`), or
 * that a script's `#!` line runs, each with the first file that does. `called`: commands that count only as the
 * program of a call (`spawn("make", …)`, `subprocess.run(["file", p])`), everyday words otherwise.
 */
export function mentionedCommands(context: BuildContext, commands: readonly string[], called: readonly string[] = []): Map<string, string> {
  const found = new Map<string, string>();
  if (commands.length === 0 && called.length === 0) return found;
  const quoted = (c: string) => String.raw`["'\`](?:[\w./-]*/)?${c.replace(/[+.]/g, "\\$&")}(?=["'\`\s])`;
  const patterns = [
    ...commands.map((c) => [c, new RegExp(quoted(c))] as const),
    ...called.map((c) => [c, new RegExp(CALL + quoted(c))] as const),
  ];
  const wanted = new Set([...commands, ...called]);
  let files = 0;
  const walk = (dir: string, depth: number) => {
    for (const name of context.list(dir)) {
      if (files >= MAX_FILES || found.size === wanted.size) return;
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
      // `#!/usr/bin/env python3`, `#!/usr/bin/make -f`: the script runs through that program.
      const interpreter = /^#!\s*(?:\S*\/)?([^/\s]+)(?:[ \t]+(?:-S[ \t]+)?([^\s-]\S*))?/.exec(text);
      const program = interpreter && (interpreter[1] === "env" ? interpreter[2] : interpreter[1]);
      if (program && wanted.has(program) && !found.has(program)) found.set(program, path);
    }
  };
  walk(".", 0);
  return found;
}
