// Measure msb-opt's reliability over a corpus of real Dockerfiles (issue 16): every pass, offline, on each
// case folder (a `Dockerfile` and its build context, as scripts/corpus-extract.mjs writes them).
//
//   node scripts/build.mjs && node scripts/measure-corpus.mjs .corpus [--json report.json] [--examples 5]
//     [--hashes out.json] [--compare before.json]
// --hashes writes a hash per file of everything optimize returned (output, notes, diff, proposed files,
// intended differences, or the error); --compare reads such a file and lists the files whose result differs,
// to prove an edit meant to be behaviour-neutral (a speed-up) is.
//
// Counts, per file:
//   internal error   the pipeline threw something other than a DockerfileError (the pass is found by rerunning each alone)
//   parse error      a DockerfileError (the file is rejected with file:line)
//   not idempotent   optimizing the output again changes it
//   comment lost     a `#` comment line of the input is missing from the output
//   bytes changed    a line of the input that the output still holds (as text) is not the same bytes there,
//                    or an unchanged file is not byte for byte the input
// It reads and writes bytes the way the CLI does (core/bytes.ts), through the built library in dist/.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { lostComments } from "./lost-comments.mjs";

const lib = await import(new URL("../dist/index.js", import.meta.url).href);
const { optimize, fsContext, DockerfileError, PASSES } = lib;
// Builds from before the byte-preserving codec (to measure a baseline) read and write UTF-8 as the CLI did.
const decodeBytes = lib.decodeBytes ?? ((bytes) => Buffer.from(bytes).toString("utf8"));
const encodeText = lib.encodeText ?? ((text) => Buffer.from(text, "utf8"));

const args = process.argv.slice(2);
const root = args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
if (!root) {
  console.error("usage: node scripts/measure-corpus.mjs CORPUS_DIR [--json FILE] [--examples N]");
  process.exit(2);
}
const examples = Number(option("--examples", "5"));
const OPTIONS = { offline: true };

// A corpus holds one folder per repository, and in it one case folder per Dockerfile (or is one case).
const cases = [];
const isCase = (dir) => statSync(join(dir, "Dockerfile"), { throwIfNoEntry: false })?.isFile() ?? false;
if (isCase(root)) cases.push(root);
else
  for (const repo of readdirSync(root).sort()) {
    if (!statSync(join(root, repo)).isDirectory()) continue;
    for (const name of readdirSync(join(root, repo)).sort()) if (isCase(join(root, repo, name))) cases.push(join(root, repo, name));
  }

const found = { internal: [], parse: [], idempotence: [], comments: [], bytes: [] };
const hashes = {};
const hashOf = (value) => createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 16);
const times = [];
let changed = 0;
let refusedOnly = 0;
const started = Date.now();
for (const [n, dir] of cases.entries()) {
  const name = relative(root, dir) || dir;
  const input = readFileSync(join(dir, "Dockerfile"));
  const text = decodeBytes(input);
  const context = fsContext(dir);
  const t0 = performance.now();
  let result;
  try {
    result = await optimize(text, { ...OPTIONS, context, filename: "Dockerfile" });
  } catch (err) {
    hashes[name] = hashOf({ error: String(err?.message ?? err), line: err?.line });
    if (err instanceof DockerfileError) found.parse.push({ name, detail: `${err.line}: ${err.message}` });
    else found.internal.push({ name, detail: `${await guiltyPass(text, context)}: ${String(err?.message ?? err).split("\n")[0]}` });
    continue;
  } finally {
    times.push({ name, ms: performance.now() - t0 });
  }
  hashes[name] = hashOf(result);
  if (result.output !== text) changed++;
  else if (result.refusals.length > 0) refusedOnly++;
  const output = encodeText(result.output);

  try {
    const again = await optimize(result.output, { ...OPTIONS, context: withFiles(context, result.files), filename: "Dockerfile" });
    if (again.output !== result.output)
      found.idempotence.push({ name, detail: firstDifference(result.output, again.output), passes: again.changes.map((c) => c.pass) });
  } catch (err) {
    found.internal.push({ name, detail: `second run: ${String(err?.message ?? err).split("\n")[0]}` });
  }

  const lost = lostComments(text, result.output);
  if (lost.length > 0) found.comments.push({ name, detail: lost.slice(0, 3).join(" | "), passes: result.changes.map((c) => c.pass) });

  const bytes = changedBytes(input, output, result.output === text);
  if (bytes) found.bytes.push({ name, detail: bytes });
  if ((n + 1) % 100 === 0) console.error(`${n + 1}/${cases.length} files…`);
}

times.sort((a, b) => b.ms - a.ms);
const summary = {
  files: cases.length,
  seconds: Math.round((Date.now() - started) / 1000),
  changed,
  refusedOnly,
  internalErrors: found.internal.length,
  parseErrors: found.parse.length,
  notIdempotent: found.idempotence.length,
  commentsLost: found.comments.length,
  bytesChanged: found.bytes.length,
  slowest: times.slice(0, 3).map((t) => `${t.name} ${Math.round(t.ms)} ms`),
};
console.log(JSON.stringify(summary, null, 2));
for (const [kind, list] of Object.entries(found)) {
  if (list.length === 0) continue;
  console.log(`\n${kind} (${list.length}):`);
  for (const f of list.slice(0, examples))
    console.log(`  ${f.name}: ${f.detail}${f.passes ? ` [${[...new Set(f.passes)].join(",")}]` : ""}`);
}
const jsonFile = option("--json", null);
if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify({ summary, found }, null, 2)}\n`);
const hashFile = option("--hashes", null);
if (hashFile) writeFileSync(hashFile, `${JSON.stringify(hashes, null, 1)}\n`);
const compareFile = option("--compare", null);
if (compareFile) {
  const before = JSON.parse(readFileSync(compareFile, "utf8"));
  const names = [...new Set([...Object.keys(before), ...Object.keys(hashes)])].sort();
  const differ = names.filter((name) => before[name] !== hashes[name]);
  console.log(`\ncompared with ${compareFile}: ${names.length - differ.length} same, ${differ.length} different`);
  for (const name of differ.slice(0, Math.max(examples, 20))) console.log(`  differs: ${name}`);
  if (differ.length > 0) process.exitCode = 1;
}

/** The first pass that throws when run alone on the file, or "?" when only the chain throws. */
async function guiltyPass(text, context) {
  for (const p of PASSES) {
    try {
      await optimize(text, { ...OPTIONS, context, passes: [p.id] });
    } catch (err) {
      if (!(err instanceof DockerfileError)) return p.id;
    }
  }
  return "?";
}

/** The context with the files a run proposed, as a second run would find them once written. */
function withFiles(ctx, files) {
  const written = new Map(files.map((f) => [f.path, f.after]));
  return {
    available: ctx.available,
    read: (path) => written.get(path) ?? ctx.read(path),
    exists: (path) => written.has(path) || ctx.exists(path),
    list: (dir) => [...new Set([...ctx.list(dir), ...(dir === "." || dir === "" ? [...written.keys()] : [])])].sort(),
  };
}

/** Why the output's bytes betray the input's, or null. */
function changedBytes(input, output, unchanged) {
  if (unchanged) return Buffer.compare(input, output) === 0 ? null : "the file is unchanged as text but not as bytes";
  const lines = (buf) => {
    const out = [];
    let start = 0;
    for (let i = 0; i <= buf.length; i++) {
      if (i === buf.length || buf[i] === 10) {
        out.push(buf.subarray(start, i));
        start = i + 1;
      }
    }
    return out;
  };
  const outLines = lines(output);
  const outBytes = new Set(outLines.map((l) => l.toString("latin1")));
  const outText = new Set(outLines.map((l) => decodeBytes(l)));
  for (const [i, line] of lines(input).entries()) {
    if (outText.has(decodeBytes(line)) && !outBytes.has(line.toString("latin1"))) return `line ${i + 1} holds other bytes in the output`;
  }
  return null;
}

function firstDifference(a, b) {
  const x = a.split("\n");
  const y = b.split("\n");
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i])
      return `output line ${i + 1}: ${JSON.stringify((x[i] ?? "").slice(0, 80))} → ${JSON.stringify((y[i] ?? "").slice(0, 80))}`;
  }
  return "?";
}
