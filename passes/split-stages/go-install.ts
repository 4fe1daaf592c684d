// What `go install` puts in GOBIN (the golang image's `$GOPATH/bin`, `/go/bin`): one program per main package
// the patterns match, named after the last element of its import path (module path + folder; a major-version
// suffix `/v2` gives the element before it). Read from the build context: the module's go.mod (or the
// `go mod init NAME` the stage ran), the folders the copies laid into the image and each Go file's package
// clause and build constraint. Null whenever that cannot be told exactly: a program missing from GOBIN would
// fail the runtime's copy, and one too many is as bad.
import { posix } from "node:path";
import type { BuildContext } from "../../src/core/context.js";
import { contextSource } from "./entry.js";
import { isUnder } from "./paths.js";
import { compiledTruth } from "./recipes/go-constraints.js";

/** Options of `go install` that change neither which packages build nor the programs' names. */
const PLAIN_FLAGS = /^-(v|x|a|trimpath|buildvcs(=\w+)?|mod=(mod|vendor|readonly)|ldflags=.*|gcflags=.*)$/;
const VALUE_FLAGS = new Set(["-ldflags", "-gcflags"]);
/** How many folders a `./...` walk reads before it gives up (a huge tree is not read here). */
const MAX_FOLDERS = 400;

export interface GoInstallInputs {
  readonly context: BuildContext;
  /** Image path → context path of what the copies laid down (the analysis's `sources`). */
  readonly sources: ReadonlyMap<string, string>;
  /** Module paths `go mod init NAME` gave image folders earlier in the stage. */
  readonly initialized: ReadonlyMap<string, string>;
  /** The `cgo` tag's value, null when not known. */
  readonly cgo: boolean | null;
}

/** What `go install` writes: its programs' names, or why they are not known (the end of a sentence). */
export type GoInstallResult = { readonly programs: string[] } | { readonly unknown: string };

/** The names of the programs `go install ARGS` (args after `install`) run in image folder `dir` writes. */
export function goInstallPrograms(args: readonly string[], dir: string, inputs: GoInstallInputs): GoInstallResult {
  const patterns: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    if (VALUE_FLAGS.has(w)) i++;
    else if (w.startsWith("-")) {
      if (!PLAIN_FLAGS.test(w)) return { unknown: `the option \`${w}\` may change which packages build or where` };
    } else if (/^\.(\/[\w.-]+)*(\/\.\.\.)?$/.test(w) && !/\/\.\.?(\/|$)/.test(w.replace(/\/\.\.\.$/, ""))) patterns.push(w);
    else return { unknown: `the package \`${w}\` is not a folder of the build context` };
  }
  if (patterns.length === 0) patterns.push(".");
  const module = moduleOf(dir, inputs);
  if ("unknown" in module) return module;
  const names = new Set<string>();
  for (const pattern of patterns) {
    const recursive = pattern.endsWith("/...");
    const folder = posix.join(dir, pattern.replace(/\/?\.\.\.$/, "") || ".");
    const found = mainPackages(folder, recursive, module, inputs);
    if (!Array.isArray(found)) return found;
    // A single folder that is no main package: `go install` of a library writes no program.
    for (const f of found) names.add(f);
  }
  return { programs: [...names].sort() };
}

interface Module {
  readonly path: string;
  readonly root: string;
}

/** The module the folder belongs to: the nearest go.mod the copies laid down, or a `go mod init` there. */
function moduleOf(dir: string, inputs: GoInstallInputs): Module | { unknown: string } {
  for (let d = dir; ; d = posix.dirname(d)) {
    // A workspace (go.work, Go 1.18+) changes which modules `./...` spans: not read here.
    if (readImageFile(posix.join(d, "go.work"), inputs) !== null)
      return { unknown: `\`${posix.join(d, "go.work")}\` makes a Go workspace, whose modules are not read here` };
    const init = inputs.initialized.get(d);
    if (init !== undefined) return { path: init, root: d };
    const text = readImageFile(posix.join(d, "go.mod"), inputs);
    if (text !== null) {
      const m = /^module\s+"?([^\s"]+)"?\s*$/m.exec(text);
      return m ? { path: m[1], root: d } : { unknown: `\`${posix.join(d, "go.mod")}\` names no module` };
    }
    if (d === "/") return { unknown: "no go.mod of the build context (nor a `go mod init`) gives its module" };
  }
}

function readImageFile(path: string, inputs: GoInstallInputs): string | null {
  const src = contextSource(path, inputs.sources);
  return src === null ? null : inputs.context.read(src);
}

/**
 * The files the copies laid into image folder `dir` (name → context path), or null when that is not known: the
 * folder comes from a context folder (`COPY . .`) or from a pattern of the context's top (`COPY *.go .`), and no
 * other copy put anything below it from elsewhere.
 */
function folderEntries(dir: string, inputs: GoInstallInputs): Map<string, string> | null {
  const { context, sources } = inputs;
  for (const [dest, src] of sources) {
    if (!isUnder(dest, dir) || dest === dir) continue;
    const via = [...sources].find(([d, s]) => d !== dest && isUnder(dest, d) && (s === "." || s.endsWith("/") || !posix.extname(s)));
    if (!via || posix.join(via[1], posix.relative(via[0], dest)) !== posix.normalize(src)) return null;
  }
  const own = sources.get(dir);
  if (own !== undefined && /^[\w.-]*[*?][\w.*?-]*$/.test(own)) {
    const re = new RegExp(`^${own.replace(/\./g, "\\.").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]")}$`);
    return new Map(
      context
        .list(".")
        .filter((n) => re.test(n) && context.read(n) !== null)
        .map((n) => [n, n]),
    );
  }
  const folder = contextSource(dir, sources);
  if (folder === null || context.read(folder) !== null) return null;
  const names = context.list(folder);
  // No such folder in the context (the copies did not make it): `go install` would fail, or a step made it.
  return names.length === 0 ? null : new Map(names.map((n) => [n, folder === "." ? n : posix.join(folder, n)]));
}

/** The program names of the main packages in `folder` (and below, when recursive), or null when not known. */
function mainPackages(folder: string, recursive: boolean, module: Module, inputs: GoInstallInputs): string[] | { unknown: string } {
  const names: string[] = [];
  let read = 0;
  let why = "";
  const visit = (dir: string): boolean => {
    if (++read > MAX_FOLDERS) {
      why = `the module has more than ${MAX_FOLDERS} folders`;
      return false;
    }
    const entries = folderEntries(dir, inputs);
    if (entries === null) {
      why = `what the copies laid into \`${dir}\` is not known`;
      return false;
    }
    /** The package clauses of the files that surely build, and of those that may. */
    const sure: string[] = [];
    const maybe: string[] = [];
    const folders: string[] = [];
    for (const [name, src] of entries) {
      const text = inputs.context.read(src);
      if (text === null) {
        if (recursive && !/^[._]|^(testdata|vendor)$/.test(name)) folders.push(name);
        continue;
      }
      if (!name.endsWith(".go") || name.endsWith("_test.go") || /^[._]/.test(name)) continue;
      const compiled = compiledTruth(name, text, inputs.cgo);
      if (compiled === false) continue;
      const pkg = /^package\s+(\w+)/m.exec(text)?.[1];
      if (pkg === undefined || (compiled === null && pkg === "main")) {
        why = `whether \`${posix.join(dir, name)}\` builds is not known (its build constraint or name)`;
        return false;
      }
      (compiled ? sure : maybe).push(pkg);
    }
    // A main package when every file that may build says `package main` and one surely builds; no program when
    // none says it; unknown when a file that may or may not build decides it.
    const all = [...sure, ...maybe];
    if (all.length > 0 && all.every((p) => p === "main") && sure.length > 0) {
      const name = programName(module, dir);
      if (name === null) {
        why = `the program name of \`${dir}\` is not known`;
        return false;
      }
      names.push(name);
    } else if (all.some((p) => p === "main")) {
      why = `\`${dir}\` holds files of package main and of another package`;
      return false;
    }
    for (const f of folders) {
      const sub = posix.join(dir, f);
      // Another module's folder (its own go.mod) is not part of `./...`.
      if (readImageFile(posix.join(sub, "go.mod"), inputs) !== null) continue;
      if (!visit(sub)) return false;
    }
    return true;
  };
  if (!isUnder(folder, module.root)) return { unknown: `\`${folder}\` is outside its module` };
  return visit(folder) ? names : { unknown: why };
}

/** `v2`, `v10`: a major-version suffix (not `v0`, `v1`). */
const VERSION_ELEMENT = /^v([2-9]|[1-9]\d+)$/;

/** The program's name: the last element of the import path, or the one before a major-version suffix. */
function programName(module: Module, dir: string): string | null {
  const rel = posix.relative(module.root, dir);
  const importPath = rel ? `${module.path}/${rel}` : module.path;
  const parts = importPath.split("/");
  let elem = parts[parts.length - 1];
  if (parts.length > 1 && VERSION_ELEMENT.test(elem)) elem = parts[parts.length - 2];
  return /^[\w.-]+$/.test(elem) && elem !== "." && elem !== ".." ? elem : null;
}
