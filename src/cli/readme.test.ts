// The README's option and pass tables are generated from the settings table and the pass list; this test
// fails when they drift. UPDATE_GOLDEN=1 rewrites them in place (review `git diff README.md`).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { PASSES } from "../../passes/index.js";
import { SETTINGS } from "../core/pipeline.js";
import { edgesOf, kebab, type SettingEntry } from "../core/settings.js";
import { buildArgOf } from "../frontend/options.js";
import { ROOT } from "../../test/support/golden.js";
import { flagOf } from "./options.js";

const README = join(ROOT, "README.md");
const cell = (text: string) => text.replace(/\|/g, "\\|");

function valueOf(e: SettingEntry): string {
  if (e.spec.type === "boolean") return "true";
  if (e.spec.type === "passIds") return "id,…";
  if (e.spec.type === "string" && e.spec.choices) return e.spec.choices.join("|");
  return /<(\w+)>/.exec(e.spec.flag ?? "")?.[1].toUpperCase() ?? "VALUE";
}

function optionsTable(): string {
  const rows = SETTINGS.map((e) => {
    const edges = edgesOf(e.spec);
    const flag = edges.includes("cli") ? `\`${flagOf(e).replace(/ <(\w+)>/, (_, v: string) => ` ${v.toUpperCase()}`)}\`` : "";
    const config = edges.includes("config") ? `\`${e.name}\`` : "";
    const key = kebab(e.name);
    const frontend = edges.includes("frontend") ? `\`${key}=${valueOf(e)}\` / \`${buildArgOf(key)}\`` : "";
    const fallback = e.spec.default === undefined ? "" : `\`${JSON.stringify(e.spec.default)}\``;
    const who = [e.pass ?? "all", ...e.alsoReadBy].join(", ");
    return `| ${cell(flag)} | ${config} | ${cell(frontend)} | ${cell(fallback)} | ${who} | ${cell(e.spec.help)} |`;
  });
  return [
    "| flag | `.msb-opt.json` | frontend option / build-arg | default | pass | meaning |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

function passTable(): string {
  const rows = PASSES.map((p) => {
    const options = Object.keys(p.options).map((name) => `\`${name}\``);
    return `| \`${p.id}\` | ${cell(p.title)} | ${options.join(", ")} |`;
  });
  return ["| pass | what it does | options |", "| --- | --- | --- |", ...rows].join("\n");
}

function withSection(text: string, name: string, body: string): string {
  const start = `<!-- generated:${name} (src/cli/readme.test.ts; UPDATE_GOLDEN=1 rewrites it) -->`;
  const end = `<!-- end:${name} -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  expect(from, `README.md has the ${name} markers`).toBeGreaterThanOrEqual(0);
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}

test("the README's option and pass tables are the settings table's and the pass list's", () => {
  const text = readFileSync(README, "utf8");
  const generated = withSection(withSection(text, "options", optionsTable()), "passes", passTable());
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(README, generated);
  else expect(text, "README.md drifted from the settings table: run UPDATE_GOLDEN=1 npx vitest run src/cli/readme.test.ts").toBe(generated);
});
