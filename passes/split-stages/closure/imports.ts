// The packages an app loads at run time: `require`/`import` followed from the entry through the app's own
// files. A devDependency found there must stay in the runtime (mislabelled dependencies are common). When the
// graph cannot be followed (a computed require, an entry the context does not hold), the caller keeps all.
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import { COMPUTED, packageOf, SPECIFIER } from "../../../src/core/module-specifiers.js";

export type ImportGraph =
  | {
      readonly ok: true;
      readonly packages: ReadonlyMap<string, string>;
      /** Each bare specifier as written (`pkg/sub`), with the first file that loads it. */
      readonly bare: ReadonlyMap<string, string>;
      readonly files: readonly string[];
    }
  | { readonly ok: false; readonly reason: ImportGap };

export type ImportGap =
  | { readonly kind: "computed"; readonly file: string }
  | { readonly kind: "missing"; readonly file: string }
  | { readonly kind: "launched"; readonly file: string }
  | { readonly kind: "subpath"; readonly file: string }
  | { readonly kind: "workspaceEntry"; readonly file: string }
  | { readonly kind: "selfReference"; readonly file: string };

export const EXTENSIONS = ["", ".js", ".cjs", ".mjs", ".json", ".ts", ".tsx", ".jsx", "/index.js", "/index.cjs", "/index.mjs", "/index.ts"];
/** How many files a walk reads: a graph that holds this many may go on past them. */
export const MAX_GRAPH_FILES = 500;
/**
 * `import type X from`, `import type { X } from`, `export type { X } from`, `export type * from`: TypeScript
 * always erases these (a default import named `type`, `import type from "x"`, is not one of them).
 */
const TYPE_ONLY = /^(?:import\s+type\s+(?:[{*]|(?!from\b)[\w$]+\s+from\b)|export\s+type\s*[{*])/;
const TYPESCRIPT = /\.[cm]?tsx?$/;

/**
 * `require` used as a value (`["./a"].map(require)`, `const req = require`): the modules it loads are not named
 * where it is called. Not: a call, `require.resolve`/`.main`, `typeof require`, a declaration
 * (`const require = createRequire(…)`), a key (`{ require: … }`), a quoted word, a word of prose in a string
 * (`'fields you require here'`: after or before another word, which code never has but for keywords).
 */
const REQUIRE_VALUE =
  /(?<!\b(?:typeof|const|let|var|function)\s+|["'`.$\w-]|\b(?!(?:return|yield|await|case|in|of|else|do|void|delete|throw|default|new)\b)[A-Za-z_$][\w$]*[ \t]+)\brequire\b(?!\s*(?:[(.:"'`]|=(?!=))|[ \t]+(?!(?:instanceof|in)\b)[A-Za-z_$])/;

/** `const load = createRequire(import.meta.url)` (or `module.createRequire`): group 1 a require by another name. */
const CREATE_REQUIRE = /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:\w+\.)?createRequire\s*\(/g;

/** `code` with each function bound to `createRequire(…)` under another name written as `require`, so it is read as one. */
function asRequire(code: string): string {
  let out = code;
  for (const m of code.matchAll(CREATE_REQUIRE))
    if (m[1] !== "require") out = out.replace(new RegExp(`(?<![.\\w$])${m[1].replace(/\$/g, "\\$")}(?![\\w$])`, "g"), "require");
  return out;
}

/** `require.resolve(…)`: group 2 the literal name, undefined when computed. */
const RESOLVE = /\brequire\.resolve\s*\(\s*(?:(["'`])([^"'`$]+)\1|[^)\s])/g;

/**
 * A file started as a thread or a process of its own (`new Worker(x)`, `fork(x)`), group 1 or 2 its argument's
 * text; a cluster's `exec` setting, or another node process started by path: their files are not named here.
 */
const LAUNCH =
  /\bnew\s+Worker\s*\(\s*(new\s+URL\s*\([^)]*\)|[^,)]*)|\bfork\s*\(\s*([^,)]*)|\bsetup(?:Primary|Master)\s*\(|\bprocess\.execPath\b|\b(?:spawn|exec|execFile)(?:Sync)?\s*\(\s*["'`]node\b/g;

/** The context file a launch argument names, null when it is computed. Paths are the working folder's, or the file's with `import.meta.url`. */
function launchedFile(arg: string, file: string, cwd: string): string | null {
  const literal = /^(["'`])([^"'`$]+)\1$/.exec(arg.trim());
  if (literal) return posix.normalize(posix.join(cwd, literal[2]));
  const url = /^new\s+URL\s*\(\s*(["'`])([^"'`$]+)\1\s*,\s*import\.meta\.url\s*\)$/.exec(arg.trim());
  return url ? posix.normalize(posix.join(posix.dirname(file), url[2])) : null;
}

/**
 * Packages reached from the context file `entry`, each with the first file that loads it. `cwd`: the context
 * folder the app runs in, against which workers and forked files resolve.
 */
export function importGraph(context: BuildContext, entry: string, cwd = "."): ImportGraph {
  const packages = new Map<string, string>();
  const bare = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [entry];
  if (context.read(entry) === null) return { ok: false, reason: { kind: "missing", file: entry } };
  while (queue.length > 0 && seen.size < MAX_GRAPH_FILES) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = context.read(file) ?? "";
    if (file.endsWith(".json")) continue;
    const code = asRequire(stripComments(text));
    if (REQUIRE_VALUE.test(code)) return { ok: false, reason: { kind: "computed", file } };
    if (COMPUTED.test(code)) {
      const folders = listedFolders(code, file);
      if (folders === null) return { ok: false, reason: { kind: "computed", file } };
      for (const folder of folders) {
        const files = filesUnder(context, folder);
        // No file there: the build makes the folder's files, which the context does not show.
        if (files.length === 0) return { ok: false, reason: { kind: "computed", file } };
        queue.push(...files);
      }
    }
    for (const m of code.matchAll(LAUNCH)) {
      const arg = m[1] ?? m[2];
      // `cluster.fork()` starts the entry again.
      if (arg?.trim() === "") continue;
      const launched = arg === undefined ? null : launchedFile(arg, file, cwd);
      if (launched === null) return { ok: false, reason: { kind: "launched", file } };
      const found = EXTENSIONS.map((e) => launched + e).find((p) => context.read(p) !== null);
      if (!found) return { ok: false, reason: { kind: "missing", file: launched } };
      queue.push(found);
    }
    // `require.resolve("pkg/file")` finds a file of that package: it must be there.
    for (const m of code.matchAll(RESOLVE)) {
      if (m[2] === undefined) return { ok: false, reason: { kind: "computed", file } };
      const pkg = packageOf(m[2]);
      if (pkg !== null && !packages.has(pkg)) packages.set(pkg, file);
    }
    for (const m of code.matchAll(SPECIFIER)) {
      if (m[6] !== undefined && TYPESCRIPT.test(file) && TYPE_ONLY.test(m[0])) continue;
      // A stylesheet's `@import "colors.scss"` (in a string of a config file) loads no module.
      if (code[(m.index ?? 0) - 1] === "@") continue;
      const spec = m[2] ?? m[4] ?? m[6] ?? m[8];
      // A subpath import (`#util`) maps through package.json `imports`, which is not read here.
      if (spec.startsWith("#")) return { ok: false, reason: { kind: "subpath", file } };
      const pkg = packageOf(spec);
      if (pkg !== null) {
        if (!packages.has(pkg)) packages.set(pkg, file);
        if (!bare.has(spec)) bare.set(spec, file);
        continue;
      }
      if (!/^\.\.?\//.test(spec)) continue;
      const base = posix.normalize(posix.join(posix.dirname(file), spec));
      // A relative path into node_modules (an editor's auto-import) loads that package.
      const inModules = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(base);
      if (inModules) {
        if (!packages.has(inModules[1])) packages.set(inModules[1], file);
        continue;
      }
      const candidates = [...EXTENSIONS.map((e) => base + e), base.replace(/\.([cm]?)js$/, ".$1ts"), base.replace(/\.js$/, ".tsx")];
      const found = candidates.find((p) => context.read(p) !== null);
      // A JSON file the build writes (`require("./generated/info.json")`) is data: it loads no module.
      if (!found && base.endsWith(".json")) continue;
      // A declaration file (`../../shelff-types` → shelff-types.d.ts) holds types only: TypeScript emits no load of it.
      if (!found && TYPESCRIPT.test(file) && context.read(`${base}.d.ts`) !== null) continue;
      if (!found) return { ok: false, reason: { kind: "missing", file: base } };
      queue.push(found);
    }
  }
  return { ok: true, packages, bare, files: [...seen] };
}

const IDENT = "[A-Za-z_$][\\w$]*";
/** `path.join(…)`, `path.resolve(…)` or `join(…)`/`resolve(…)` imported from node:path: group 1 its arguments. */
const JOIN = String.raw`(?:\bpath\.|(?<![.\w$]))(?:join|resolve)\s*\(([^()]*)\)`;
const LITERAL = /^(["'`])([^"'`$]*)\1$/;

/**
 * The folders whose files a computed `require`/`import` of `file` loads, when each is a loader over the entries
 * of one folder of the app: `require(path.join(dir, name))` (or `path.join(__dirname, "commands", name)`), where
 * `dir` is `path.join(__dirname, "commands", …)` written with literal names and `name` is an entry of
 * `readdirSync(dir)` (`for (const name of files)` over `files = fs.readdirSync(dir)…`, or
 * `readdirSync(dir)….forEach((name) =>`). Null when one is anything else.
 */
function listedFolders(code: string, file: string): string[] | null {
  const folders: string[] = [];
  for (const m of code.matchAll(new RegExp(COMPUTED.source, "g"))) {
    const call = new RegExp(String.raw`^(?:require|import)\s*\(\s*${JOIN}\s*\)`).exec(code.slice(m.index ?? 0));
    if (!call) return null;
    const args = call[1].split(",").map((x) => x.trim());
    const name = args.pop() ?? "";
    if (!new RegExp(`^${IDENT}$`).test(name) || args.length === 0) return null;
    const base = args.join(", ");
    const folder = folderOf(code, base, file);
    if (folder === null || !readdirEntry(code, base, name)) return null;
    folders.push(folder);
  }
  return folders;
}

/** The context folder `base` names (`__dirname, "commands"`, or a variable bound once to such a join), or null. */
function folderOf(code: string, base: string, file: string): string | null {
  const parts = base.split(",").map((x) => x.trim());
  if (parts.length === 1 && new RegExp(`^${IDENT}$`).test(parts[0]) && parts[0] !== "__dirname") {
    const bound = [...code.matchAll(new RegExp(String.raw`\b(?:const|let|var)\s+${esc(parts[0])}\s*=\s*${JOIN}`, "g"))];
    const assigned = new RegExp(String.raw`(?<![.\w$])${esc(parts[0])}\s*=(?!=)`, "g");
    // Bound once, and never assigned again.
    if (bound.length !== 1 || [...code.matchAll(assigned)].length !== 1) return null;
    return folderOf(code, bound[0][1], file);
  }
  if (parts[0] !== "__dirname") return null;
  const names = parts.slice(1).map((p) => LITERAL.exec(p)?.[2] ?? null);
  if (names.some((n) => n === null || n.includes(".."))) return null;
  return posix.normalize(posix.join(posix.dirname(file), ...(names as string[])));
}

/**
 * Is `name` an entry of `readdirSync(base)`: the constant of a `for … of` over a variable bound to that listing
 * (filtered or not), or the parameter of a `forEach` on it?
 */
function readdirEntry(code: string, base: string, name: string): boolean {
  // `readdirSync(dir)`, or `readdirSync(path.join(__dirname, "events"))` for `require(path.join(__dirname, "events", name))`.
  const args = esc(base).replace(/,\s*/g, ",\\s*");
  const folder = base.includes(",") ? String.raw`(?:path\.)?(?:join|resolve)\s*\(\s*${args}\s*\)` : args;
  const listing = String.raw`(?:\w+\.)?readdirSync\s*\(\s*${folder}\s*\)`;
  const chain = String.raw`(?:\s*\.\s*filter\s*\([^;]*?\))*`;
  const each = new RegExp(
    String.raw`${listing}${chain}\s*\.\s*forEach\s*\(\s*(?:\(\s*${esc(name)}\s*\)|${esc(name)}|(?:async\s+)?function\s*\w*\s*\(\s*${esc(name)}\s*\))`,
  );
  if (each.test(code)) return true;
  const loop = new RegExp(String.raw`\bfor\s*\(\s*const\s+${esc(name)}\s+of\s+(${IDENT}|${listing}${chain})\s*\)`).exec(code);
  if (!loop) return false;
  if (new RegExp(`^${listing}`).test(loop[1])) return true;
  return new RegExp(String.raw`\b(?:const|let|var)\s+${esc(loop[1])}\s*(?::[^=]*)?=\s*${listing}${chain}\s*;?\s*$`, "m").test(code);
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Every module file under a context folder, its subfolders too. */
function filesUnder(context: BuildContext, folder: string, depth = 0): string[] {
  if (depth > 8) return [];
  return context.list(folder).flatMap((name) => {
    const path = posix.join(folder, name);
    if (context.read(path) !== null) return /\.(?:[cm]?[jt]sx?|json)$/.test(name) ? [path] : [];
    return filesUnder(context, path, depth + 1);
  });
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:\\])\/\/.*$/gm, "$1");
}
