// node scripts/build.mjs && node scripts/survey-idempotence.mjs ROOT LIST: does msb-opt change its own output?
// For each Dockerfile of a survey list (ROOT/owner+name/path, context = its folder), optimize it offline, then
// optimize the result again, and list the files whose second output differs (a pass that is no fixed point), and
// those whose output lacks a `#` comment line of the input (a rewrite that dropped the user's words).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fsContext, optimize } from "../dist/index.js";
import { lostComments } from "./lost-comments.mjs";

const [root, list] = process.argv.slice(2);
if (!root || !list) {
  console.error("usage: node scripts/survey-idempotence.mjs ROOT LIST");
  process.exit(2);
}
let files = 0;
let changed = 0;
let failed = 0;
let lostFiles = 0;
for (const raw of readFileSync(list, "utf8").split("\n")) {
  const line = raw.trim();
  if (!line || line.startsWith("#")) continue;
  const [ref, path] = line.split(/\s+/);
  const file = join(root, ref.replace(/@.*$/, "").replace("/", "+"), path);
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    continue;
  }
  files++;
  const settings = { offline: true, context: fsContext(dirname(file)), filename: path };
  try {
    const first = await optimize(text, settings);
    const second = await optimize(first.output, settings);
    const lost = lostComments(text, first.output);
    if (lost.length > 0) {
      lostFiles++;
      console.log(`comment lost: ${file}: ${lost.slice(0, 3).join(" | ")}`);
    }
    if (second.output !== first.output) {
      changed++;
      console.log(`changes on a second run: ${file}`);
    }
  } catch (error) {
    failed++;
    console.log(`error: ${file}: ${String(error?.message ?? error).split("\n")[0]}`);
  }
}
console.log(`${files} files, ${changed} change on a second run, ${lostFiles} lose a comment, ${failed} errors`);
