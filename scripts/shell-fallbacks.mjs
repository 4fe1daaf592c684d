// npx tsx scripts/shell-fallbacks.mjs [CORPUS_DIR]: which RUN scripts of a corpus the fast shell reader
// (src/core/shell-fast.ts) hands to tree-sitter, by the first construct each holds, to choose what to teach it
// next (issue 20: a third of a pipeline run is tree-sitter). The corpus comes from scripts/corpus-fetch.sh.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseDockerfile } from "../src/core/parse.ts";
import { joinContinuations } from "../src/core/run-script.ts";
import { parseFast } from "../src/core/shell-fast.ts";

const root = resolve(process.argv[2] ?? ".corpus");
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (!statSync(path).isDirectory()) continue;
    if (statSync(join(path, "Dockerfile"), { throwIfNoEntry: false })?.isFile()) files.push(join(path, "Dockerfile"));
    else walk(path);
  }
})(root);

// In this order: a script is counted under the first that matches.
const CONSTRUCTS = [
  ["case", /\bcase\b/],
  ["if", /\bif\b/],
  ["for", /\bfor\b/],
  ["while/until", /\b(while|until)\b/],
  ["$( substitution", /\$\(/],
  ["` substitution", /`/],
  ["${ expansion", /\$\{/],
  ["[ or [[ test", /\[/],
  ["( subshell or { group", /[({]/],
  ["# comment", /(^|\s)#/],
  ["backslash escape", /\\/],
  ["newline", /\n/],
  ["& background", /(^|[^&])&($|[^&])/],
  ["tab", /\t/],
];
let runs = 0;
const fallbacks = [];
for (const file of files) {
  let df;
  try {
    df = parseDockerfile(readFileSync(file, "utf8")).dockerfile;
  } catch {
    continue;
  }
  for (const stage of df.stages) {
    for (const instr of stage.body) {
      if (instr.keyword !== "RUN" || instr.exec || instr.heredocs.length > 0) continue;
      runs++;
      const text = joinContinuations(instr.args, df.escape);
      if (parseFast(text) === null) fallbacks.push(text);
    }
  }
}
const distinct = new Set(fallbacks).size;
console.log(`${files.length} Dockerfiles, ${runs} shell-form RUNs: ${fallbacks.length} go to tree-sitter (${distinct} distinct)`);
const first = new Map();
const any = new Map();
for (const text of fallbacks) {
  const hits = CONSTRUCTS.filter(([, re]) => re.test(text)).map(([name]) => name);
  const key = hits[0] ?? "none of these";
  first.set(key, (first.get(key) ?? 0) + 1);
  for (const h of hits) any.set(h, (any.get(h) ?? 0) + 1);
}
console.log("construct            first   any");
for (const [name] of [...CONSTRUCTS, ["none of these"]])
  if (first.has(name) || any.has(name))
    console.log(`${name.padEnd(20)} ${String(first.get(name) ?? 0).padStart(5)} ${String(any.get(name) ?? 0).padStart(5)}`);
