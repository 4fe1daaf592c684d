// An entry program that nothing makes: `go build -o main .` with `CMD ["./app"]`. The original fails at start
// too, but the runtime copies the entry's program by name, so the split would not even build: decline instead.
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import { copyOperands } from "../../../src/core/instructions.js";
import { joinContinuations } from "../../../src/core/run-script.js";
import { parseShell, simpleCommands } from "../../../src/core/shell.js";
import type { Analysis } from "../analysis.js";
import { contextSource } from "../entry.js";
import { isUnder, resolvePath } from "../paths.js";

/** The entry program no step makes and the context lacks, with the outputs the Go builds name; null when all are made or it cannot be told. */
export function goEntryNotBuilt(a: Analysis, context: BuildContext): { command: string; path: string; outputs: string } | null {
  const made: string[] = [];
  const folders: string[] = [];
  const outputs: string[] = [];
  for (const [i, instr] of a.stage.body.entries()) {
    if (instr.keyword !== "RUN") continue;
    const script = parseShell(instr.exec ? instr.exec.join(" ") : joinContinuations(instr.args));
    if (!script.ok) return null;
    let cwd = a.cwdAt[i] ?? a.workdir;
    for (const cmd of simpleCommands(script)) {
      const words = cmd.args.map((w) => w.value);
      // A pattern or expansion can name the program only where a command makes files: `rm -rf /var/lib/apt/lists/*`
      // (which merge-run adds) makes none.
      if (words.some((w) => w === null)) {
        if (MAKES_NOTHING.has(posix.basename(cmd.name ?? ""))) continue;
        return null;
      }
      const args = words as string[];
      // `cd /app && go build -o server .`: the commands after a `cd` run in its folder.
      if (cmd.name === "cd") {
        const to = args.find((w) => !w.startsWith("-"));
        if (to === undefined || /[$`*?~]/.test(to)) return null;
        cwd = resolvePath(cwd, to);
        continue;
      }
      if (posix.basename(cmd.name ?? "") === "go" && (args[0] === "build" || args[0] === "install")) {
        const o = args.findIndex((w) => w === "-o" || w.startsWith("-o="));
        // Without -o the program takes the package's name, which this does not work out.
        if (args[0] === "install" || o < 0) return null;
        const value = args[o] === "-o" ? args[o + 1] : args[o].slice(3);
        if (value === undefined) return null;
        outputs.push(`\`${value}\``);
        const path = resolvePath(cwd, value);
        if (path === null) return null;
        (value.endsWith("/") ? folders : made).push(path);
      }
      // Any other word that names a path exactly may make it (`mv main app`, `cp`, `ln -s`).
      for (const w of args) {
        const path = resolvePath(cwd, w);
        if (path !== null) made.push(path);
      }
      // `cp docker-entrypoint.sh /usr/local/bin/` puts the file in the folder under its own name.
      for (const path of placedInFolder(cmd.name ?? "", args)) {
        const resolved = resolvePath(cwd, path);
        if (resolved !== null) made.push(resolved);
      }
    }
  }
  if (outputs.length === 0) return null;
  for (const e of a.entry) {
    if (e.from === "script" || e.artifact === null) continue;
    const path = e.artifact;
    if (made.includes(path) || folders.some((f) => isUnder(path, f))) continue;
    const src = contextSource(path, a.sources);
    if (src !== null && (context.read(src) !== null || context.exists(src))) continue;
    return { command: e.name, path, outputs: outputs.join(", ") };
  }
  return null;
}

/** Commands that remove files or install packages: none of them makes a program in the project's folders. */
const MAKES_NOTHING = new Set(["rm", "rmdir", "apt-get", "apt", "apk", "echo", "true", "chmod", "chown"]);

/** Commands that put their sources in a destination folder under the sources' names. */
const PLACES = new Set(["cp", "mv", "install", "ln"]);
/** Options of those commands that take a value (besides `-t`). */
const VALUE_OPTIONS = /^(-[mogS]|--(mode|owner|group|suffix))$/;

/**
 * The paths `cp`/`mv`/`install`/`ln` with literal words would make in a destination folder: `folder/<source name>`
 * for each source (`cp a b /dir/`, `install -m 755 a /dir`, `cp -t /dir a`). A destination that is a file is counted
 * by its own word already; taking it as a folder as well only adds a path that no entry names.
 */
export function placedInFolder(name: string, args: readonly string[]): string[] {
  if (!PLACES.has(posix.basename(name))) return [];
  const operands: string[] = [];
  let target: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    if (w === "--") {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (w === "-t" || w === "--target-directory") target = args[++i] ?? null;
    else if (w.startsWith("--target-directory=")) target = w.slice("--target-directory=".length);
    else if (VALUE_OPTIONS.test(w)) i++;
    else if (!w.startsWith("-")) operands.push(w);
  }
  const folder = target ?? (operands.length >= 2 ? operands[operands.length - 1] : null);
  if (folder === null) return [];
  const sources = target === null ? operands.slice(0, -1) : operands;
  return sources
    .map((src) => posix.basename(src.replace(/\/+$/, "")))
    .filter((base) => base !== "" && base !== "." && base !== ".." && !/[*?[]/.test(base))
    .map((base) => posix.join(folder, base));
}

/**
 * The entry program a `COPY --from=IMAGE` brings from another image (`COPY --from=tianon/gosu /gosu
 * /usr/local/bin/gosu`): no build step makes it, yet the original runs it; null when no entry program comes so.
 */
export function goEntryFromImage(a: Analysis): { command: string; path: string; image: string } | null {
  const copied: Array<{ path: string; folder: boolean; image: string }> = [];
  for (const [i, instr] of a.stage.body.entries()) {
    const image = instr.keyword === "COPY" ? instr.flags.find((f) => f.name === "from")?.value : undefined;
    const operands = image ? copyOperands(instr) : null;
    if (!image || operands === null) continue;
    const dest = resolvePath(a.cwdAt[i] ?? a.workdir, operands.dest);
    if (dest === null) continue;
    const folder = operands.dest.endsWith("/") || operands.sources.length > 1;
    copied.push({ path: dest, folder, image });
  }
  for (const e of a.entry) {
    if (e.from === "script" || e.artifact === null) continue;
    const path = e.artifact;
    const from = copied.find((c) => (c.folder ? isUnder(path, c.path) && path !== c.path : path === c.path));
    if (from) return { command: e.name, path, image: from.image };
  }
  return null;
}
