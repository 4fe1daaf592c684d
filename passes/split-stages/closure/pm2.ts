// pm2 starts the apps an ecosystem file lists (`pm2-runtime ecosystem.config.js`): each app's `script`, run by
// node (or its `interpreter`) with its `args`. Read as the commands they amount to, they are followed like the
// entry's own. A file whose apps are computed (`script: path.join(…)`) cannot be read for them.
import { posix } from "node:path";

/** pm2 reads a start argument as an ecosystem file by its name (pm2's own test). */
export const PM2_CONFIG = /\.json$|\.ya?ml$|\.config\.[cm]?js$/;

/** Subcommands of pm2 that start what they are given. */
const STARTS = new Set(["start", "restart", "reload", "startOrRestart", "startOrReload", "startOrGracefulReload"]);

/** The file (an app or an ecosystem file) a pm2 command starts, or null when `argv` starts none. */
export function pm2Target(words: readonly string[]): string | null {
  const argv = withoutRunner(words);
  const tool = posix.basename(argv[0] ?? "");
  const operands = argv.slice(1).filter((w) => !w.startsWith("-"));
  if (tool === "pm2-runtime" || tool === "pm2-docker") return (STARTS.has(operands[0] ?? "") ? operands[1] : operands[0]) ?? null;
  if (tool === "pm2" && STARTS.has(operands[0] ?? "")) return operands[1] ?? null;
  return null;
}

/** `argv` past a package manager that runs a program of node_modules/.bin (`npx pm2-runtime`, `yarn pm2 start`). */
function withoutRunner(argv: readonly string[]): readonly string[] {
  const tool = posix.basename(argv[0] ?? "");
  let i = tool === "npx" ? 1 : (tool === "npm" || tool === "pnpm") && /^(exec|x)$/.test(argv[1] ?? "") ? 2 : tool === "yarn" ? 1 : 0;
  if (tool === "yarn" && /^(exec|run)$/.test(argv[1] ?? "")) i = 2;
  while (i > 0 && i < argv.length && argv[i].startsWith("-")) i++;
  return argv.slice(i);
}

/** Extensions pm2 runs with an interpreter other than node. */
const OTHER_INTERPRETERS = /\.(sh|py|rb|php|pl|coffee|ls|ts|tsx|mts|cts)$/;

/** The app settings that change what runs. */
const KEYS = ["script", "args", "interpreter", "interpreter_args", "node_args", "cwd"] as const;
/** NODE_OPTIONS of the app's `env` (and `env_production`, …), whose preloads node applies as its own options. */
type App = Partial<Record<(typeof KEYS)[number] | "node_options", string>>;

/**
 * The commands the ecosystem file `text` at the image path `file` starts (absolute paths), or null when its
 * apps cannot be read: computed values, a script of another language, a package-manager script run elsewhere.
 */
export function ecosystemCommands(text: string, file: string, workdir: string | null, isFile: (path: string) => boolean): string[] | null {
  const dir = posix.dirname(file);
  const apps = /\.json$/.test(file) ? jsonApps(text) : /\.ya?ml$/.test(file) ? yamlApps(text) : jsApps(text, dir);
  if (apps === null || apps.length === 0) return null;
  const commands: string[] = [];
  for (const app of apps) {
    if (!app.script) return null;
    const cwd = app.cwd ? posix.resolve(dir, app.cwd) : dir;
    const args = app.args ? ` ${app.args}` : "";
    const script = posix.resolve(cwd, app.script);
    // A name that is no file is a program pm2 finds on PATH (`script: "npm", args: "start"`): its scripts are
    // the working folder's package.json's.
    if (!app.script.includes("/") && !isFile(script)) {
      if (cwd !== (workdir ?? "/")) return null;
      commands.push(`${app.script}${args}`);
      continue;
    }
    // pm2 runs a file with node unless its extension names another interpreter (bash, python, a TypeScript
    // runner…), which is not followed here.
    const interpreter = app.interpreter ?? (OTHER_INTERPRETERS.test(script) ? null : "node");
    if (interpreter === null) return null;
    const options = [app.node_options, app.interpreter_args ?? app.node_args].filter(Boolean).join(" ");
    commands.push(interpreter === "none" ? `${script}${args}` : `${interpreter}${options ? ` ${options}` : ""} ${script}${args}`);
  }
  return commands;
}

function jsonApps(text: string): App[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const list = Array.isArray(parsed) ? parsed : ((parsed as { apps?: unknown } | null)?.apps ?? [parsed]);
  if (!Array.isArray(list)) return null;
  const apps: App[] = [];
  for (const entry of list) {
    const app: App = {};
    for (const key of KEYS) {
      const value = (entry as Record<string, unknown> | null)?.[key];
      if (value === undefined) continue;
      if (Array.isArray(value) && value.every((v) => typeof v === "string")) app[key] = value.join(" ");
      else if (typeof value === "string") app[key] = value;
      else return null;
    }
    // `env`, `env_production`, …: maps of variables pm2 sets for the app.
    for (const [key, env] of Object.entries((entry as Record<string, unknown> | null) ?? {})) {
      const value = /^env(_\w+)?$/.test(key) ? (env as Record<string, unknown> | null)?.NODE_OPTIONS : undefined;
      if (value === undefined) continue;
      if (typeof value !== "string") return null;
      app.node_options = app.node_options ? `${app.node_options} ${value}` : value;
    }
    apps.push(app);
  }
  return apps;
}

/** `apps:` as a YAML list of maps with plain or quoted values. */
function yamlApps(text: string): App[] | null {
  const apps: App[] = [];
  let inApps = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^apps\s*:\s*$/.test(line)) inApps = true;
    else if (/^\S/.test(line)) inApps = false;
    if (!inApps) continue;
    const m = /^\s*(-\s+)?(\w+)\s*:\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    if (m[1]) apps.push({});
    const key = KEYS.find((k) => k === m[2]);
    if (key === undefined || apps.length === 0) continue;
    const value = m[3].replace(/^(["'])(.*)\1$/, "$2");
    // A block value (a list of args on the lines below) is not read.
    if (value === "") return null;
    apps[apps.length - 1][key] = value;
  }
  return apps;
}

/** `apps: [{ … }, …]` in JavaScript: each setting a string literal (`cwd: __dirname` the file's folder). */
function jsApps(text: string, dir: string): App[] | null {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:\\])\/\/.*$/gm, "$1");
  // `apps: [ … ]`, or the apps as the exported array itself.
  const start = /\bapps\s*:\s*\[/.exec(code) ?? /\bmodule\.exports\s*=\s*\[|\bexport\s+default\s*\[/.exec(code);
  const objects = start ? topLevelObjects(code, start.index + start[0].length) : null;
  if (objects === null) return null;
  const apps: App[] = [];
  for (const body of objects) {
    const app: App = {};
    for (const m of body.matchAll(/(?:^|[,{\s])(["']?)(\w+)\1\s*:\s*/g)) {
      // NODE_OPTIONS of any of the app's `env` maps, taken together (a computed one cannot be read).
      if (m[2] === "NODE_OPTIONS") {
        const value = /^(["'`])([^"'`$]*)\1\s*(?:[,}]|$)/.exec(body.slice((m.index ?? 0) + m[0].length));
        if (!value) return null;
        app.node_options = app.node_options ? `${app.node_options} ${value[2]}` : value[2];
        continue;
      }
      const key = KEYS.find((k) => k === m[2]);
      if (key === undefined) continue;
      const rest = body.slice((m.index ?? 0) + m[0].length);
      const literal = /^(["'`])([^"'`$]*)\1\s*(?:,|$)/.exec(rest);
      const list = /^\[((?:\s*(["'])[^"']*\2\s*,?)*)\]\s*(?:,|$)/.exec(rest);
      if (literal) app[key] = literal[2];
      else if (/^__dirname\s*(?:,|$)/.test(rest)) app[key] = dir;
      else if (list) app[key] = [...list[1].matchAll(/(["'])([^"']*)\1/g)].map((v) => v[2]).join(" ");
      else return null;
    }
    apps.push(app);
  }
  return apps;
}

/**
 * The texts of the `{…}` items of the array whose items start at `from`, up to its `]`; null when an item is
 * something else (a variable, a call, a spread).
 */
function topLevelObjects(code: string, from: number): string[] | null {
  const objects: string[] = [];
  let depth = 0;
  let begin = -1;
  let quote: string | null = null;
  for (let i = from; i < code.length; i++) {
    const c = code[i];
    if (quote !== null) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (depth === 0 && !/[\s,{\]]/.test(c)) return null;
    else if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "{" || c === "[") {
      if (depth === 0) begin = i;
      depth++;
    } else if (c === "}" || c === "]") {
      if (depth === 0) return objects;
      depth--;
      if (depth === 0) objects.push(code.slice(begin + 1, i));
    }
  }
  return null;
}
