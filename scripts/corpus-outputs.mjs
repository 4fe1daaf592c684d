// node scripts/corpus-outputs.mjs CORPUS_DIR > hashes.txt: one line per Dockerfile and option set with a digest
// of everything the pipeline returns (output, diff, notes, proposed files), to check that a speed change keeps
// every result byte for byte: run it before and after, then `diff` the two lists.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fsContext, optimize } from "../dist/index.js";

const root = resolve(process.argv[2] ?? ".corpus");
const OPTION_SETS = [{}, { cacheMounts: true, aptNoRecommends: true }, { harden: true, staticRuntime: "nginx", pin: true }];
const dirs = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (!statSync(path).isDirectory()) continue;
    if (statSync(join(path, "Dockerfile"), { throwIfNoEntry: false })?.isFile()) dirs.push(path);
    else walk(path);
  }
})(root);
const all = createHash("sha256");
for (const dir of dirs) {
  const text = readFileSync(join(dir, "Dockerfile"), "utf8");
  for (const [i, extra] of OPTION_SETS.entries()) {
    let result;
    try {
      result = await optimize(text, { offline: true, ...extra, context: fsContext(dir) });
    } catch (error) {
      result = { error: String(error?.message ?? error) };
    }
    const digest = createHash("sha256").update(JSON.stringify(result)).digest("hex").slice(0, 16);
    all.update(digest);
    process.stdout.write(`${digest} ${i} ${dir.slice(root.length + 1)}\n`);
  }
}
process.stderr.write(`${dirs.length} files x ${OPTION_SETS.length} option sets: ${all.digest("hex").slice(0, 16)}\n`);
