// Build steps after the project install that change node_modules: a package added (`npm install x`,
// `yarn add x`), a rebuild, a prune, the client `prisma generate` writes, a patch, a move or copy naming
// node_modules, or the project's own script reaching into it (own-scripts.ts). A runtime whose
// node_modules come from a production install in a stage of its own would lack what they did, so the plan
// keeps the build's node_modules instead.
import type { Instruction } from "../../../src/core/ir.js";
import { joinContinuations } from "../../../src/core/run-script.js";
import { parseShell, simpleCommands } from "../../../src/core/shell.js";
import { type Analysis, globalFlag, type ProjectInstall } from "../analysis.js";
import { takes, untakenCommands } from "../branches.js";
import { type ScriptSources, scriptWritingModules } from "../own-scripts.js";

export interface ModulesWriter {
  readonly line: number;
  readonly command: string;
}

/**
 * Package-manager verbs that change node_modules (npm's aliases included). `prune` and `dedupe` are not: they
 * only remove or re-nest what the lockfile resolves, and the production install apart holds the same packages.
 */
const PM_WRITES = new Set([
  ...["install", "i", "in", "ins", "inst", "insta", "instal", "isnt", "isntal", "add", "ci", "clean-install", "ic"],
  ...["rebuild", "rb", "link", "ln", "update", "up", "upgrade", "udpate", "uninstall", "remove", "rm", "r", "un"],
  ...["unlink", "patch-commit", "import", "deploy"],
]);
/** Programs that write into node_modules themselves, by their first operand (`*`: any). */
const GENERATORS: Readonly<Record<string, string>> = {
  prisma: "generate",
  "patch-package": "*",
  "electron-rebuild": "*",
  "@electron/rebuild": "*",
};

/**
 * The first RUN command after the project install (or beside it in its RUN) that changes node_modules. With
 * `prismaGenerate: false`, `prisma generate` is not one: the caller takes the client it writes from the build.
 */
export function nodeModulesWriter(
  a: Analysis,
  install: ProjectInstall | undefined,
  options: { prismaGenerate?: boolean; sources?: ScriptSources } = {},
): ModulesWriter | null {
  if (!install) return null;
  const generators = options.prismaGenerate === false ? new Set(["prisma"]) : new Set<string>();
  for (const [index, instr] of a.stage.body.entries()) {
    if (instr.keyword !== "RUN" || index < install.index) continue;
    const found =
      writerIn(instr, index === install.index ? install : null, generators, a.knownValues.get(index)) ??
      (options.sources && index > install.index ? scriptWritingModules(a, index, options.sources) : null);
    if (found) return { line: instr.line, command: found };
  }
  return null;
}

function writerIn(
  instr: Instruction,
  install: ProjectInstall | null,
  skipped: ReadonlySet<string>,
  values: ReadonlyMap<string, string> = new Map(),
): string | null {
  const text = instr.exec ? instr.exec.join(" ") : joinContinuations(instr.args);
  const parsed = parseShell(text);
  // Unreadable, or naming node_modules anywhere (`mv node_modules /`, `cp -r patches node_modules/x`).
  if (!parsed.ok) return /node_modules/.test(text) ? text.trim() : null;
  let installSeen = install === null;
  // A branch the build does not take writes nothing (`else npm install --omit=dev` under NODE_ENV=production).
  const runs = takes(untakenCommands(parsed, (name) => values.get(name) ?? null));
  for (const cmd of simpleCommands(parsed).filter(runs)) {
    const words = [cmd.name ?? "$?", ...cmd.args.map((w) => w.value ?? "$?")];
    const shown = cmd.node.text;
    // A program run from node_modules/.bin names the folder without writing it (its own rule below may say it does).
    const named = [words[0].replace(/^(\.\/)?node_modules\/\.bin\/[^/]+$/, ""), ...words.slice(1)];
    if (named.some((w) => /node_modules/.test(w))) return shown;
    let [tool, ...args] = words;
    if (tool === "npx" || ((tool === "yarn" || tool === "pnpm") && ["exec", "dlx"].includes(args[0] ?? ""))) {
      const rest = (tool === "npx" ? args : args.slice(1)).filter((w) => !w.startsWith("-"));
      [tool, ...args] = [rest[0]?.replace(/(.)@.*$/, "$1") ?? "", ...rest.slice(1)];
    }
    tool = tool.replace(/^(\.\/)?node_modules\/\.bin\//, "");
    const operands = args.filter((w) => !w.startsWith("-"));
    const generator = skipped.has(tool) ? undefined : GENERATORS[tool];
    if (generator && (generator === "*" || operands[0] === generator)) return shown;
    if (tool !== "npm" && tool !== "yarn" && tool !== "pnpm") continue;
    // Global installs go to the toolchain's prefix.
    if (globalFlag(args) || operands[0] === "global") continue;
    // The project install itself, once.
    if (!installSeen && tool === install?.tool && args.join(" ") === install.args.join(" ")) {
      installSeen = true;
      continue;
    }
    const verb = operands[0] ?? (tool === "yarn" ? "install" : "");
    if (PM_WRITES.has(verb)) return shown;
  }
  return null;
}
