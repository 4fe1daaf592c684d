// The C libraries a Rust project links itself, outside the crates of Cargo.lock: `#[link(name = "xml2")]` on an
// `extern` block, and build.rs's `cargo:rustc-link-lib=xml2` (also `cargo::`, `dylib=`). A static link (`kind =
// "static"`, `static=`) puts the library in the program. Against the full rust image (buildpack-deps) such a name
// finds the -dev packages it preinstalls; the slim runtime lacks their libraries (red team 22 F9).
import type { BuildContext } from "../../../src/core/context.js";

/** Each library name the project's sources and build.rs link dynamically, with the file that names it. */
export function rustLinkedLibraries(context: BuildContext, root: string): Array<{ library: string; file: string }> {
  const at = (p: string) => (root === "." ? p : `${root}/${p}`);
  const found: Array<{ library: string; file: string }> = [];
  const add = (library: string, file: string) => {
    if (!found.some((f) => f.library === library)) found.push({ library, file });
  };
  const scan = (file: string) => {
    const text = context.read(at(file)) ?? "";
    for (const m of text.matchAll(/#\[\s*link\s*\(([^\]]*)\)\s*\]/g)) {
      const name = /\bname\s*=\s*"([^"]+)"/.exec(m[1])?.[1];
      const kind = /\bkind\s*=\s*"([^"]+)"/.exec(m[1])?.[1];
      if (name && kind !== "static" && kind !== "framework") add(name, file);
    }
    for (const m of text.matchAll(/cargo::?rustc-link-lib=(?:(dylib|static|framework)(?:[:+\w,-]*)?=)?([\w.+-]+)/g))
      if (m[1] === undefined || m[1] === "dylib") add(m[2], file);
  };
  const walk = (dir: string, depth: number) => {
    if (depth > 8) return;
    for (const name of context.list(at(dir))) {
      const path = dir === "." ? name : `${dir}/${name}`;
      if (name.endsWith(".rs")) scan(path);
      else if (!/^\.|^(target|tests|benches|examples|node_modules)$/.test(name) && !/\.\w+$/.test(name)) walk(path, depth + 1);
    }
  };
  walk(".", 0);
  return found;
}
