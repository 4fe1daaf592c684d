// `make` runs the recipe lines of the Makefile's targets, which are shell commands of the project's like a script's:
// `conf:` → `mkdir -p /etc/myapp && cp myapp.conf /etc/myapp/` writes outside the working folder as surely as a RUN.
// The Makefile the command uses is read, the recipes of the targets it builds (the goals and what they need) are
// expanded with the Makefile's own variables and the command line's, and that text is read with the evidence a shell
// script gets (own-scripts.ts). A Makefile the context does not hold is unread, unless a configure step (cmake,
// configure, qmake …) of the stage generates it: such a Makefile builds in its tree and installs only with `make install`.
import { posix } from "node:path";
import type { BuildContext } from "../../src/core/context.js";
import type { Analysis } from "./analysis.js";
import { contextSource } from "./entry.js";
import { resolvePath } from "./paths.js";

export type MakeRead =
  /** The Makefile's context file and the recipe lines of the targets the command builds, expanded. */
  | { readonly file: string; readonly body: string }
  /** The Makefile (as the command names it) that the context does not hold. */
  | { readonly unread: string };

const MAKES = new Set(["make", "gmake"]);
/** Commands that generate a Makefile in the tree they configure. */
const GENERATORS =
  /(?:^|[\s;&|/(])(?:configure|cmake|qmake|qmake6|autoreconf|automake|autogen\.sh|bootstrap|premake\d*|gyp|meson)(?=[\s;&|)]|$)/m;
/** Variables make itself defines or that hold commands and flags, not folders (`$(CC)`, `$(MAKE)`, `$(CFLAGS)`). */
const BUILTIN = new Set(
  "CC CXX CPP AR AS LD RM MAKE MAKEFLAGS CFLAGS CXXFLAGS CPPFLAGS LDFLAGS LDLIBS ARFLAGS LIBS SHELL MAKECMDGOALS CURDIR".split(" "),
);

interface Rule {
  readonly targets: readonly string[];
  readonly prereqs: readonly string[];
  readonly recipe: readonly string[];
}

/** What `make` run as `argv` (in `cwd`) does, read from its Makefile; null when `argv` is no make. */
export function makeRecipes(argv: readonly string[], cwd: string | null, a: Analysis, context: BuildContext): MakeRead | null {
  if (!MAKES.has(posix.basename(argv[0] ?? ""))) return null;
  const args = argv.slice(1);
  let dir = cwd;
  let file: string | null = null;
  const goals: string[] = [];
  const vars = new Map<string, string>();
  const overrides = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    const value = (flag: string, long: string): string | null =>
      w === flag || w === long
        ? (args[++i] ?? null)
        : w.startsWith(`${long}=`)
          ? w.slice(long.length + 1)
          : w.startsWith(flag) && w.length > 2
            ? w.slice(2)
            : null;
    const to = value("-C", "--directory");
    if (to !== null) {
      dir = dir === null && !to.startsWith("/") ? null : resolvePath(dir, to);
      continue;
    }
    const f = value("-f", "--file");
    if (f !== null) {
      file = f;
      continue;
    }
    if (w === "-j" || w === "-l" || w === "-o" || w === "-W" || w === "-I") {
      if (/^\d+$/.test(args[i + 1] ?? "") || w !== "-j") i++;
      continue;
    }
    if (w.startsWith("-")) continue;
    const assign = /^([\w.-]+)\s*:?=(.*)$/.exec(w);
    if (assign) overrides.set(assign[1], assign[2]);
    else goals.push(w);
  }
  const names = file !== null ? [file] : ["GNUmakefile", "makefile", "Makefile"];
  for (const name of names) {
    const abs = resolvePath(dir, name);
    const src = abs === null ? null : contextSource(abs, a.sources);
    const text = src === null ? null : context.read(src);
    if (src === null || text === null) continue;
    const rules = parseMakefile(text, vars, (inc) => {
      const incAbs = resolvePath(dir, inc);
      const incSrc = incAbs === null ? null : contextSource(incAbs, a.sources);
      return incSrc === null ? null : context.read(incSrc);
    });
    for (const [k, v] of overrides) vars.set(k, v);
    return { file: src, body: reachedRecipes(rules, goals, vars).join("\n") };
  }
  // Without a Makefile, `make app` makes `app` from `app.c` by make's built-in rules, in its folder.
  if (file === null && goals.length > 0) return { file: "", body: "" };
  // A Makefile a configure step of the stage writes is the generator's.
  const generated = a.stage.body.some((i) => i.keyword === "RUN" && GENERATORS.test(i.exec ? i.exec.join(" ") : i.args));
  return generated ? { file: "", body: "" } : { unread: file ?? "Makefile" };
}

/** The rules of a Makefile, with its variables into `vars` (`include`d files read through `include`). */
function parseMakefile(text: string, vars: Map<string, string>, include: (file: string) => string | null, depth = 0): Rule[] {
  const rules: Rule[] = [];
  let current: { targets: string[]; prereqs: string[]; recipe: string[] } | null = null;
  const lines = text.replace(/\\\r?\n/g, " ").split(/\r?\n/);
  for (const line of lines) {
    if (line.startsWith("\t")) {
      if (current) current.recipe.push(line.slice(1).replace(/^[@+-]+/, ""));
      continue;
    }
    const bare = line.replace(/(^|[^\\])#.*$/, "$1").trim();
    if (bare === "") continue;
    const inc = /^-?(?:include|sinclude)\s+(.+)$/.exec(bare);
    if (inc) {
      current = null;
      for (const f of expand(inc[1], vars).split(/\s+/).filter(Boolean)) {
        const t = depth < 4 ? include(f) : null;
        if (t !== null) rules.push(...parseMakefile(t, vars, include, depth + 1));
      }
      continue;
    }
    const assign = /^(?:export\s+|override\s+)?([\w.-]+)\s*(:::?=|\?=|\+=|=|!=)\s*(.*)$/.exec(bare);
    if (assign) {
      current = null;
      const [, name, op, value] = assign;
      if (op === "?=" && vars.has(name)) continue;
      if (op === "!=") continue;
      const v = op.startsWith(":") ? expand(value, vars) : value;
      vars.set(name, op === "+=" && vars.has(name) ? `${vars.get(name)} ${v}` : v);
      continue;
    }
    const rule = /^([^:=]+?)\s*::?\s*([^=]*)$/.exec(bare);
    if (rule && !/^(?:ifn?eq|ifn?def|else|endif|define|endef|export|unexport|vpath)\b/.test(bare)) {
      const [prereqs, inline] = rule[2].split(";", 2);
      current = { targets: rule[1].split(/\s+/), prereqs: prereqs.replace(/\|/g, " ").split(/\s+/).filter(Boolean), recipe: [] };
      if (inline !== undefined && inline.trim() !== "") current.recipe.push(inline.trim());
      rules.push(current);
      continue;
    }
    current = null;
  }
  return rules;
}

/** `$(NAME)` and `${NAME}` replaced by their values (nested ones too); make's automatic and builtin variables stay. */
function expand(text: string, vars: ReadonlyMap<string, string>, depth = 0): string {
  if (depth > 8) return text;
  const out = text.replace(/\$[({]([\w.-]+)[)}]/g, (whole, name: string) => {
    const value = vars.get(name);
    if (value !== undefined) return expand(value, vars, depth + 1);
    // `$(HOME)` is the environment's, which make reads: kept so the home folder shows.
    return BUILTIN.has(name) || name === "HOME" ? whole : "";
  });
  return out;
}

/**
 * The expanded recipe lines of the goals (the first ordinary target without any) and of what they need; pattern and
 * suffix rules count whenever reached (a prerequisite no rule names explicitly may be made by one).
 */
function reachedRecipes(rules: readonly Rule[], goals: readonly string[], vars: ReadonlyMap<string, string>): string[] {
  const explicit = rules.filter((r) => !r.targets.some((t) => t.includes("%") || /^\.\w+(\.\w+)?$/.test(t)));
  const first = explicit.find((r) => r.targets.some((t) => !t.startsWith(".")));
  const queue = goals.length > 0 ? [...goals] : first ? [first.targets.find((t) => !t.startsWith(".")) as string] : [];
  const seen = new Set<string>();
  const out: string[] = [];
  let implicit = false;
  while (queue.length > 0) {
    const target = queue.shift() as string;
    if (seen.has(target)) continue;
    seen.add(target);
    const own = explicit.filter((r) => r.targets.map((t) => expand(t, vars)).includes(target));
    if (own.every((r) => r.recipe.length === 0)) implicit = true;
    for (const r of own) {
      out.push(...r.recipe.map((l) => expand(l, vars)));
      queue.push(...r.prereqs.flatMap((p) => expand(p, vars).split(/\s+/)).filter(Boolean));
    }
  }
  if (implicit) for (const r of rules.filter((r) => !explicit.includes(r))) out.push(...r.recipe.map((l) => expand(l, vars)));
  return out;
}
