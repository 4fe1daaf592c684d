// A build step that runs the project's own script (`node scripts/patch.js`, `npm run fix` → `node fix.js`) may
// write into node_modules: hand-rolled patches append to a dependency's file found with `require.resolve`. The
// script and the local files it loads are read: one that names node_modules or finds a package's files is a
// writer, and so is one the context does not hold (its code is unknown). Third-party tools (tsc, vite) are not.
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import { SPECIFIER } from "../../../src/core/module-specifiers.js";
import { joinContinuations } from "../../../src/core/run-script.js";
import { parseShell, simpleCommands } from "../../../src/core/shell.js";
import type { Analysis } from "../analysis.js";
import { contextSource } from "../entry.js";
import { resolvePath } from "../paths.js";
import { commandChain } from "../wrappers.js";

/** Ways a script reaches into node_modules. */
const REACHES_MODULES =
  /node_modules|\brequire\.resolve\b|\bimport\.meta\.resolve\b|\bmodule\.paths\b|\brequire\.cache\b|\bcreateRequire\b/;
const NODE = new Set(["node", "nodejs"]);
const EXTENSIONS = ["", ".js", ".cjs", ".mjs", "/index.js"];
const MAX_FILES = 200;

export interface ScriptSources {
  readonly context: BuildContext;
  /** package.json `scripts` of the project. */
  readonly scripts: Readonly<Record<string, unknown>>;
}

/** The command of body[index] that runs an own script reaching into node_modules, or null. */
export function scriptWritingModules(a: Analysis, index: number, sources: ScriptSources): string | null {
  const instr = a.stage.body[index];
  const text = instr.exec ? instr.exec.join(" ") : joinContinuations(instr.args);
  return commandsWriting(text, a.cwdAt[index] ?? a.workdir, a, sources, 0);
}

function commandsWriting(text: string, cwd: string | null, a: Analysis, sources: ScriptSources, depth: number): string | null {
  const parsed = parseShell(text);
  if (!parsed.ok || depth > 3) return null;
  for (const cmd of simpleCommands(parsed)) {
    if (!cmd.name) continue;
    for (const argv of commandChain([cmd.name, ...cmd.args.map((w) => w.value ?? w.text)])) {
      const tool = posix.basename(argv[0]);
      const script = runScript(tool, argv.slice(1), sources.scripts);
      if (script !== null) {
        const inner = commandsWriting(script, cwd, a, sources, depth + 1);
        if (inner) return inner;
      }
      if (!NODE.has(tool)) continue;
      const file = argv.slice(1).find((w) => !w.startsWith("-"));
      if (file === undefined || argv.includes("-e") || argv.includes("--eval")) continue;
      if (reachesModules(file, cwd, a, sources.context)) return cmd.node.text;
    }
  }
  return null;
}

/** The text of the package.json script `npm run x` / `npm start` / `yarn x` runs, or null. */
function runScript(tool: string, args: readonly string[], scripts: ScriptSources["scripts"]): string | null {
  if (tool !== "npm" && tool !== "yarn" && tool !== "pnpm") return null;
  const [first, second] = args.filter((w) => !w.startsWith("-"));
  const name = first === "run" || first === "run-script" ? second : first;
  const script = name === undefined ? undefined : scripts[name];
  return typeof script === "string" ? script : null;
}

function reachesModules(file: string, cwd: string | null, a: Analysis, context: BuildContext): boolean {
  const abs = resolvePath(cwd, file);
  const start =
    abs === null ? null : EXTENSIONS.map((e) => contextSource(abs + e, a.sources)).find((p) => p !== null && context.read(p) !== null);
  // A script the context does not hold (a build output, a computed name): what it does is unknown.
  if (!start) return true;
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0 && seen.size < MAX_FILES) {
    const path = queue.shift() as string;
    if (seen.has(path)) continue;
    seen.add(path);
    const text = context.read(path) ?? "";
    if (REACHES_MODULES.test(text)) return true;
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = m[2] ?? m[4] ?? m[6] ?? m[8];
      if (!/^\.\.?\//.test(spec)) continue;
      const base = posix.normalize(posix.join(posix.dirname(path), spec));
      const found = EXTENSIONS.map((e) => base + e).find((p) => context.read(p) !== null);
      if (found) queue.push(found);
    }
  }
  return false;
}
