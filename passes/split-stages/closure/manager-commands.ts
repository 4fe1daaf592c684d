// The package-manager commands an app's own code runs at run time (`execSync("npm run -s report")`,
// `spawn("npm", ["run", "report"])`): the scripts they start need what the entry's scripts need.

/** A package manager's command as a string: group 2 the text (`npm run -s report`), literal up to its end. */
const MANAGER_LITERAL = /(["'`])((?:npm|npx|yarn|pnpm)\s[^"'`]*)\1/g;
/** A package manager started with its arguments in an array: group 2 the manager, group 3 the array's text. */
const MANAGER_SPAWN = /\b(?:spawn|execFile|execa)(?:Sync)?\s*\(\s*(["'`])(npm|npx|yarn|pnpm)\1\s*,\s*\[([^\]]*)\]/g;

/** Modules that start processes: a file that loads none runs no command (its strings are text). */
const PROCESS_MODULES = /\b(?:child_process|execa|cross-spawn|shelljs|zx)\b/;

/** The package-manager commands the code runs, or null when one of them is computed (`npm run ${task}`). */
export function managerCommands(code: string): string[] | null {
  const commands: string[] = [];
  if (!PROCESS_MODULES.test(code)) return commands;
  for (const m of code.matchAll(MANAGER_LITERAL)) {
    // `"npm run " + task`, `` `npm run ${task}` ``: the script's name is computed.
    const after = code.slice((m.index ?? 0) + m[0].length);
    if ((m[1] === "`" && m[2].includes("${")) || /^\s*\+/.test(after)) return null;
    commands.push(m[2].trim());
  }
  for (const m of code.matchAll(MANAGER_SPAWN)) {
    const items = m[3]
      .split(",")
      .map((w) => w.trim())
      .filter((w) => w !== "");
    const words = items.map((w) => /^(["'`])([^"'`$]*)\1$/.exec(w)?.[2]);
    if (words.some((w) => w === undefined)) return null;
    commands.push([m[2], ...words].join(" "));
  }
  return commands;
}
