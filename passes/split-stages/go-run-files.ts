// `go run ./tools/seed` in a RUN runs a program of the project's at build time: its Go files are read like a script
// the RUN runs (own-scripts.ts), for writes outside the working folder (`os.WriteFile("/var/lib/app/seed.txt", …)`).
import { posix } from "node:path";
import type { BuildContext } from "../../src/core/context.js";
import type { Analysis } from "./analysis.js";
import { contextSource } from "./entry.js";
import { resolvePath } from "./paths.js";

/** `go run` flags that take a value as the next word. */
const VALUE_FLAGS = new Set([
  "-C",
  "-exec",
  "-o",
  "-p",
  "-tags",
  "-ldflags",
  "-gcflags",
  "-asmflags",
  "-mod",
  "-modfile",
  "-overlay",
  "-pkgdir",
  "-toolexec",
]);

/**
 * The context's Go files of the package `go run` (as `argv`, in `cwd`) runs; `unread` when the package is a local
 * path the context does not hold; null when `argv` is no `go run` of a local package (a module path, `tool@version`).
 */
export function goRunFiles(
  argv: readonly string[],
  cwd: string | null,
  a: Analysis,
  context: BuildContext,
): { readonly files: readonly string[] } | { readonly unread: string } | null {
  if (posix.basename(argv[0] ?? "") !== "go" || argv[1] !== "run") return null;
  let dir = cwd;
  const operands: string[] = [];
  const args = argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    if (w === "--") break;
    if (w.startsWith("-")) {
      const name = w.replace(/=.*$/, "");
      const value = w.includes("=") ? w.slice(w.indexOf("=") + 1) : VALUE_FLAGS.has(name) ? args[++i] : undefined;
      if (name === "-C" && value !== undefined) dir = resolvePath(dir, value);
      continue;
    }
    // The package (or its .go files); the words after it are the program's own arguments.
    if (w.endsWith(".go")) {
      operands.push(w);
      continue;
    }
    if (operands.length === 0) operands.push(w);
    break;
  }
  if (operands.length === 0) return null;
  const first = operands[0];
  // A package by import path (`golang.org/x/tools/cmd/stringer@latest`, `example.com/m/tools/gen`) is not read here.
  if (!first.endsWith(".go") && !/^\.{1,2}(?:\/|$)|^\//.test(first)) return null;
  const files: string[] = [];
  for (const op of operands) {
    const abs = resolvePath(dir, op);
    const src = abs === null ? null : contextSource(abs, a.sources);
    if (src === null) return { unread: op };
    if (op.endsWith(".go")) {
      if (context.read(src) === null) return { unread: op };
      files.push(src);
      continue;
    }
    const own = context
      .list(src)
      .filter((n) => n.endsWith(".go") && !n.endsWith("_test.go"))
      .map((n) => (src === "." ? n : `${src}/${n}`))
      .filter((f) => context.read(f) !== null);
    if (own.length === 0) return { unread: op };
    files.push(...own);
  }
  return { files };
}

/**
 * `go generate [./...|PKG]` runs each `//go:generate` directive of the packages it names, in the package's folder: a
 * `go run ./gen` there is read like a RUN's (its Go files), and the directive's own words are read like a script's
 * line (`-o /var/lib/app/x`) (red team 20 F19). Null when `argv` is no `go generate`.
 */
export function goGenerateDirectives(
  argv: readonly string[],
  cwd: string | null,
  a: Analysis,
  context: BuildContext,
): ReadonlyArray<{
  readonly file: string;
  readonly dir: string;
  readonly directive: string;
  readonly run: ReturnType<typeof goRunFiles>;
}> | null {
  if (posix.basename(argv[0] ?? "") !== "go" || argv[1] !== "generate") return null;
  const args = argv.slice(2);
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (/^-(?:run|skip|tags)$/.test(args[i])) i++;
    else if (!args[i].startsWith("-")) operands.push(args[i]);
  }
  const found: Array<{ file: string; dir: string; directive: string; run: ReturnType<typeof goRunFiles> }> = [];
  const visit = (abs: string, src: string, deep: boolean, depth: number): void => {
    if (depth > 8 || found.length > 200) return;
    for (const name of context.list(src)) {
      const path = src === "." ? name : `${src}/${name}`;
      if (name.endsWith(".go")) {
        const text = context.read(path);
        for (const m of (text ?? "").matchAll(/^\/\/go:generate[ \t]+(.+)$/gm)) {
          const words = m[1].trim().split(/\s+/);
          found.push({ file: path, dir: abs, directive: m[1].trim(), run: goRunFiles(words, abs, a, context) });
        }
      } else if (deep && !name.startsWith(".") && !name.startsWith("_") && name !== "testdata" && name !== "vendor")
        visit(`${abs}/${name}`, path, deep, depth + 1);
    }
  };
  for (const op of operands.length === 0 ? ["."] : operands) {
    const deep = op === "./..." || op.endsWith("/...");
    const abs = resolvePath(cwd, deep ? op.replace(/\/?\.\.\.$/, "") || "." : op);
    const src = abs === null ? null : contextSource(abs, a.sources);
    if (abs !== null && src !== null) visit(abs, src, deep, 0);
  }
  return found;
}

/**
 * Generators a `//go:generate` line may run whose writes are known to stay where the line itself says: the package's
 * folder by default, or the files its own flags name (`-output`, `-destination`, `-o`, `--go_out=`), which the
 * line's text shows (read for absolute paths, the home folder, `..`). Those that take the paths from a
 * configuration file list its names; the file is read the same way. From each tool's documentation: stringer and
 * enumer write `<type>_string.go` / `-output`; mockgen prints or writes `-destination`; mockery writes `./mocks` or its
 * `.mockery.yaml`'s `dir`; moq `-out`; counterfeiter `-o` or `./<pkg>fakes`; go-bindata, esc, msgp, goyacc, pigeon
 * `-o`; statik `-dest` (default `./statik`); easyjson and ffjson beside the source file; wire `wire_gen.go` in the
 * package; templ `_templ.go` beside each `.templ`; swag `-o` (default `./docs`); protoc its `--*_out` folders; sqlc
 * `sqlc.yaml|yml|json`'s `out` paths; buf `buf.gen.yaml`'s `out`; gqlgen `gqlgen.yml`'s `filename`s; oapi-codegen `-o`
 * or its `-config` file; controller-gen its `output:…:dir=` arguments. Plain file tools write their operands.
 */
const GENERATORS: ReadonlyMap<string, readonly string[]> = new Map([
  ...[
    "stringer",
    "enumer",
    "go-enum",
    "mockgen",
    "moq",
    "counterfeiter",
    "go-bindata",
    "esc",
    "statik",
    "msgp",
    "easyjson",
    "ffjson",
    "goyacc",
    "pigeon",
    "wire",
    "templ",
    "swag",
    "protoc",
    "oapi-codegen",
    "controller-gen",
    ...["cp", "mv", "mkdir", "touch", "rm", "ln", "sed", "echo", "cat", "date", "true", "curl", "wget"],
  ].map((t): [string, string[]] => [t, []]),
  ["mockery", [".mockery.yaml", ".mockery.yml"]],
  ["sqlc", ["sqlc.yaml", "sqlc.yml", "sqlc.json"]],
  ["buf", ["buf.gen.yaml", "buf.gen.yml"]],
  ["gqlgen", ["gqlgen.yml", "gqlgen.yaml", ".gqlgen.yml"]],
]);

/** `go` subcommands of a `//go:generate` line that write nothing but the files its words name. */
const GO_QUIET = new Set(["build", "test", "vet", "fmt", "env", "version", "list", "mod"]);

/**
 * What a `//go:generate` line that is no `go run` writes (red team 20 F19): null when the line's own text tells
 * (a known generator, a shell's `-c` text, a plain file tool), `{ configs }` for a known generator whose output
 * paths are in those context files of the package's folder (`dir`, a context path), `{ script }` for a shell
 * script it runs, or `{ unknown }` with the tool whose writes nothing tells.
 */
export function generatorWrites(
  directive: string,
  dir: string,
  context: BuildContext,
): { readonly configs: readonly string[] } | { readonly script: string } | { readonly unknown: string } | null {
  const words = directive.split(/\s+/);
  let tool = posix.basename(words[0] ?? "");
  if (tool === "go" && words[1] === "tool" && words[2]) tool = posix.basename(words[2]);
  else if (tool === "go") return GO_QUIET.has(words[1] ?? "") ? null : { unknown: `go ${words[1] ?? ""}`.trim() };
  if (/\.(?:sh|bash)$/.test(tool)) return { script: words[0] };
  if (tool === "sh" || tool === "bash" || tool === "dash") {
    const args = words.slice(1);
    if (args.some((w) => /^-\w*c$/.test(w))) return null;
    const script = args.find((w) => !w.startsWith("-"));
    return script === undefined ? null : { script };
  }
  const names = GENERATORS.get(tool);
  if (names === undefined) return { unknown: tool };
  const at = (f: string) => (dir === "." ? f : `${dir}/${f}`);
  // A configuration file the line names (`sqlc generate -f db/sqlc.yaml`, `oapi-codegen -config cfg.yaml`).
  const reads = names.length > 0 || tool === "oapi-codegen";
  const named = reads ? words.flatMap((w, i) => (/^--?(?:f|file|config|template)$/.test(words[i - 1] ?? "") ? [w] : [])) : [];
  const configs = [...named.map(at), ...names.map(at).filter((f) => context.read(f) !== null)];
  return configs.length > 0 ? { configs } : null;
}
