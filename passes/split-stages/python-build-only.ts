// A Python project's `setup.py` is setuptools' build script: pip runs it while it installs the project (in the build
// stage), and the app never does, unless something names it. A program only it runs (`git describe` for the
// version) is the build's alone. Evidence: neither what the image runs nor another source file names `setup.py`
// or imports a module `setup`.
import type { Analysis } from "./analysis.js";
import { namesFile, type SourceFile } from "./source-files.js";

const IMPORTS_SETUP = /(^|\n)\s*(import\s+setup\b|from\s+setup\s+import\b)|import_module\(\s*["']setup["']/;

/** The `setup.py` files among `files` that only pip runs. */
export function pythonBuildOnly(a: Analysis, files: readonly SourceFile[]): Set<string> {
  const out = new Set<string>();
  const entry = a.stage.body
    .filter((i) => i.keyword === "ENTRYPOINT" || i.keyword === "CMD" || i.keyword === "HEALTHCHECK")
    .map((i) => i.args)
    .join("\n");
  if (namesFile("setup.py", entry) || /\bsetup\b/.test(entry)) return out;
  for (const f of files) {
    if (f.name !== "setup.py") continue;
    const named = files.some((o) => o.path !== f.path && (namesFile("setup.py", o.text) || IMPORTS_SETUP.test(o.text)));
    if (!named) out.add(f.path);
  }
  return out;
}
