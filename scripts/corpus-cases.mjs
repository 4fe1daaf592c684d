// The corpus's cases for the speed scripts: every folder under `root` that holds a Dockerfile (its build context),
// in a stable order, with the Dockerfile's text.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

export function corpusCases(root) {
  const cases = [];
  (function walk(dir) {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (!statSync(path).isDirectory()) continue;
      if (statSync(join(path, "Dockerfile"), { throwIfNoEntry: false })?.isFile())
        cases.push({ dir: path, text: readFileSync(join(path, "Dockerfile"), "utf8") });
      else walk(path);
    }
  })(root);
  return cases;
}
