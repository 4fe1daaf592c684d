// `RUN npm ci && npm run build` after `COPY . .`: the install and the build share a RUN, so the install can only
// move above the sources if the RUN is cut in two where the chain passes from one to the other. Cutting an `&&`
// chain between two RUNs changes nothing else when the first part holds only install steps and tools that
// leave no state behind for the second (no `cd`, `export`, `set`, which `classifyRun` does not count as installs).
import { posix } from "node:path";
import { changed, type Instruction } from "../../src/core/ir.js";
import { parseShell, type ShellNode, simpleCommands } from "../../src/core/shell.js";
import { classifyRun } from "./install-commands.js";

/** The RUN as two: the leading install steps of its `&&` chain, then the rest; null when it is not such a chain. */
export function splitInstallChain(run: Instruction, root: ShellNode): readonly [Instruction, Instruction] | null {
  if (run.exec || run.heredocs.length > 0 || root.namedChildCount !== 1) return null;
  const links = andChain(root.namedChildren[0]);
  if (links === null || links.length < 2) return null;
  let cut = 0;
  while (cut < links.length - 1 && installOnly(links[cut].text)) cut++;
  if (cut === 0) return null;
  // `npm install && npm run build && rm -rf node_modules`: in a RUN of its own the install's files stay in its
  // layer, and the later removal only hides them, so the image grows (red team 18 F3).
  if (links.slice(cut).some((l) => undoesInstall(l.text))) return null;
  const args = (nodes: readonly ShellNode[]) => nodes.map((n) => n.text).join(" && ");
  // The comments above the RUN, and those inside it, stay with its first part.
  return [changed(run, { args: args(links.slice(0, cut)) }), changed(run, { args: args(links.slice(cut)), leading: "" })];
}

/** The commands of a chain joined only by `&&`, each a plain command; null for anything else. */
function andChain(node: ShellNode | null): ShellNode[] | null {
  if (node === null) return null;
  if (node.type === "command") return [node];
  if (node.type !== "list" || node.namedChildCount !== 2) return null;
  const op = node.children.find((c) => c !== null && !c.isNamed);
  if (op?.type !== "&&") return null;
  const left = andChain(node.namedChildren[0]);
  const right = andChain(node.namedChildren[1]);
  return left && right ? [...left, ...right] : null;
}

function installOnly(text: string): boolean {
  const script = parseShell(text);
  if (!script.ok) return false;
  const commands = simpleCommands(script);
  // `set -e` or `export X` would carry into the rest of the chain, which a RUN of its own loses.
  if (commands.some((c) => c.name === "set" || c.name === "export")) return false;
  const kind = classifyRun(commands);
  return kind.kind === "install" && kind.steps.length > 0;
}

const INSTALL_OUTPUT = /(?:^|\/)(?:node_modules|\.venv|venv|vendor|site-packages|\.npm|\.yarn|\.pnpm-store|\.cache)(?:\/|$)/;
const MANAGER_REMOVALS: Readonly<Record<string, readonly string[]>> = {
  npm: ["prune", "uninstall", "remove", "rm", "un", "r", "unlink"],
  pnpm: ["prune", "remove", "rm", "uninstall", "un"],
  yarn: ["remove", "autoclean"],
  pip: ["uninstall"],
  pip3: ["uninstall"],
  "apt-get": ["purge", "remove", "autoremove"],
  apt: ["purge", "remove", "autoremove"],
};

/** Whether a command removes what an install writes (its packages, the manager's folders). */
function undoesInstall(text: string): boolean {
  const script = parseShell(text);
  if (!script.ok) return true;
  return simpleCommands(script).some((c) => {
    const name = posix.basename(c.name ?? "");
    const args = c.args.map((a) => a.value ?? a.text);
    if (name === "rm") return args.some((a) => INSTALL_OUTPUT.test(a));
    const verb = args.find((a) => !a.startsWith("-"));
    return verb !== undefined && (MANAGER_REMOVALS[name]?.includes(verb) ?? false);
  });
}
