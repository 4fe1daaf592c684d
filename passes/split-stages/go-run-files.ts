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
