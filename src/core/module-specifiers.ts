// How JavaScript and TypeScript files name the modules they load: `require("x")`, `import("x")`, `import … from
// "x"`, `export … from "x"`, `import "x"`. Shared by split-stages (the packages an app loads, read from the build
// context) and verify (the files of node_modules an image may run, read from its file system).

/**
 * A literal module specifier; the specifier is group 2, 4, 6 or 8. A specifier holds no line break, and the bare
 * `import "x"` follows no path character: `"https://host/import",\n {}, …"` in a bundle's strings is text, not a load.
 */
export const SPECIFIER =
  /\brequire\s*\(\s*(["'`])([^"'`]+)\1\s*\)|\bimport\s*\(\s*(["'`])([^"'`]+)\3\s*\)|\b(?:import|export)\b[^'"`;]*?\bfrom\s*(["'])([^"'\n]+)\5|(?<![\w$./@:-])import\s*(["'])([^"'\n]+)\7/g;

/** A `require(…)` or `import(…)` of a computed name: the module it loads cannot be read from the text. */
export const COMPUTED = /\brequire\s*\(\s*(?!["'`][^"'`$]*["'`]\s*\))[^)]|\bimport\s*\(\s*(?!["'`][^"'`$]*["'`]\s*\))[^)]/;

/** The package name of a bare specifier (`@scope/pkg/sub` → `@scope/pkg`), null for relative and built-in ones. */
export function packageOf(spec: string): string | null {
  if (/^[./]/.test(spec) || spec.startsWith("node:")) return null;
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}
