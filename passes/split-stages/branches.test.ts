import { beforeAll, describe, expect, test } from "vitest";
import { loadShell, parseShell, simpleCommands } from "../../src/core/shell.js";
import { takes, untakenCommands } from "./branches.js";

beforeAll(() => loadShell());

/** The commands that run, by their text, with `values` known. */
function run(script: string, values: Record<string, string> = {}): string[] {
  const parsed = parseShell(script);
  if (!parsed.ok) throw new Error("unparsed");
  const runs = takes(untakenCommands(parsed, (n) => values[n] ?? null));
  return simpleCommands(parsed)
    .filter(runs)
    .map((c) => c.node.text);
}

const DOCS = 'if [ "$NODE_ENV" = "development" ]; then npm install; else npm install --omit=dev; fi';

describe("untakenCommands", () => {
  test("the branch a known value takes: the docs' NODE_ENV install", () => {
    expect(run(DOCS, { NODE_ENV: "production" })).toEqual(["npm install --omit=dev"]);
    expect(run(DOCS, { NODE_ENV: "development" })).toEqual(["npm install"]);
    expect(run('if [ "${NODE_ENV}" != production ]; then npm ci; else npm ci --omit=dev; fi', { NODE_ENV: "production" })).toEqual([
      "npm ci --omit=dev",
    ]);
    expect(run('if [[ $ENV == "dev" ]]; then a; elif test "$ENV" = prod; then b; else c; fi', { ENV: "prod" })).toEqual([
      'test "$ENV" = prod',
      "b",
    ]);
    expect(run('if [ "$ENV" = prod ]; then a; elif test "$ENV" = dev; then b; fi', { ENV: "prod" })).toEqual(["a"]);
    expect(run("if [ 'x' = \"$V\" ]; then a; fi; b", { V: "y" })).toEqual(["b"]);
  });
  test("an unknown value, a set variable, a pattern or another condition decides nothing", () => {
    expect(run(DOCS)).toEqual(["npm install", "npm install --omit=dev"]);
    expect(run(`NODE_ENV=development; ${DOCS}`, { NODE_ENV: "production" })).toEqual(["npm install", "npm install --omit=dev"]);
    expect(run("if [[ $ENV == dev* ]]; then a; else b; fi", { ENV: "dev1" })).toEqual(["a", "b"]);
    expect(run("if [ -f x ]; then a; else b; fi", {})).toEqual(["a", "b"]);
    expect(run("if grep -q x f; then a; else b; fi", {})).toEqual(["grep -q x f", "a", "b"]);
  });
  test("an undecided elif leaves it and what follows as run; the branches before it that fail stay untaken", () => {
    expect(run('if [ "$A" = 1 ]; then a; elif [ "$B" = 1 ]; then b; else c; fi', { A: "0" })).toEqual(["b", "c"]);
  });
});
