// Measure how often split-stages splits real public single-stage apps, and why it declines the rest.
//
//   node scripts/build.mjs && node scripts/survey-apps.mjs ROOT [--list scripts/survey-apps.txt | scripts/survey-apps-2.txt | scripts/survey-apps-3.txt | scripts/survey-apps-4.txt] [--json FILE]
//
// ROOT holds one folder per repository of the list, named owner+name, with the repository's files at the
// pinned commit (e.g. `git --git-dir=… archive <commit> | tar -x -C ROOT/owner+name`). Each line of the list
// is `owner/name@commit path/to/Dockerfile`; the build context is the Dockerfile's folder. Every pass runs
// offline, as the CLI does with `--offline`. Prints one row per app (split / declined with the message id /
// other passes only) and the counts per ecosystem and per decline reason.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const lib = await import(new URL("../dist/index.js", import.meta.url).href);
const { optimize, fsContext, PASSES } = lib;

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const root = args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
if (!root) {
  console.error("usage: node scripts/survey-apps.mjs ROOT [--list FILE] [--json FILE]");
  process.exit(2);
}
// As the CLI runs: the offline catalog's age counts from today (`--today YYYY-MM-DD` to replay another day).
const today = option("--today", new Date().toISOString().slice(0, 10));
const listFile = option("--list", new URL("survey-apps.txt", import.meta.url).pathname);

// A split-stages note's message id, found by matching the text against the declared templates.
const split = PASSES.find((p) => p.id === "split-stages");
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const templates = Object.entries(split.messages).map(([id, text]) => ({
  id,
  re: new RegExp(
    `^${text
      .split(/\{\w+\}/)
      .map(escape)
      .join("[\\s\\S]*?")}$`,
  ),
}));
const messageId = (message) => templates.find((t) => t.re.test(message))?.id ?? "?";

const ecosystem = (from) => {
  const image = from.replace(/^--platform=\S+\s+/, "").toLowerCase();
  if (/^(docker\.io\/)?(library\/)?node[:@\s]|^node$/.test(image)) return "node";
  if (/python/.test(image)) return "python";
  if (/golang|^go[:@]/.test(image)) return "go";
  if (/openjdk|temurin|corretto|maven|gradle/.test(image)) return "java";
  return "other";
};

const rows = [];
for (const raw of readFileSync(listFile, "utf8").split("\n")) {
  const line = raw.trim();
  if (!line || line.startsWith("#")) continue;
  const [ref, path] = line.split(/\s+/);
  const repo = ref.replace(/@.*$/, "");
  const file = join(root, repo.replace("/", "+"), path);
  const name = `${repo}:${path}`;
  if (!existsSync(file)) {
    rows.push({ name, eco: "?", outcome: "missing", detail: file });
    continue;
  }
  const text = readFileSync(file, "utf8");
  const from = /^\s*FROM\s+(.+)$/im.exec(text)?.[1] ?? "";
  const eco = ecosystem(from);
  let result;
  try {
    result = await optimize(text, { offline: true, today, context: fsContext(dirname(file)), filename: path });
  } catch (err) {
    rows.push({ name, eco, outcome: "error", detail: String(err?.message ?? err).split("\n")[0] });
    continue;
  }
  const mine = (notes) => notes.filter((n) => n.pass === "split-stages");
  const changes = mine(result.changes).map((n) => messageId(n.message));
  const refusals = mine(result.refusals).map((n) => ({ id: messageId(n.message), line: n.line, message: n.message }));
  if (changes.includes("split") || changes.includes("splitLayered")) rows.push({ name, eco, outcome: "split", detail: changes.join(",") });
  else if (refusals.length > 0)
    rows.push({ name, eco, outcome: "declined", reason: refusals[0].id, detail: `${refusals[0].line}: ${refusals[0].message}` });
  else rows.push({ name, eco, outcome: result.output === text ? "unchanged" : "other passes only", detail: "" });
}

const pad = (s, n) => String(s).padEnd(n);
for (const r of rows) console.log(`${pad(r.eco, 7)}${pad(r.outcome, 10)}${pad(r.reason ?? "", 18)}${r.name}  ${r.detail}`);
console.log("\nper ecosystem: split / total");
const ecos = [...new Set(rows.map((r) => r.eco))].sort();
for (const e of ecos) {
  const of = rows.filter((r) => r.eco === e);
  console.log(`  ${pad(e, 8)}${of.filter((r) => r.outcome === "split").length} / ${of.length}`);
}
const all = rows.filter((r) => r.outcome === "split").length;
console.log(`  ${pad("all", 8)}${all} / ${rows.length}`);
console.log("\ndecline reasons:");
const reasons = new Map();
for (const r of rows) if (r.reason) reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
for (const [id, n] of [...reasons].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) console.log(`  ${pad(n, 4)}${id}`);
const jsonFile = option("--json", null);
if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify(rows, null, 2)}\n`);
