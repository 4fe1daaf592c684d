// A shell tree as text: what a pass can see of it (types, named-ness, offsets, fields, errors), for tests that
// compare two trees (the fast path, or the copy of a tree, and tree-sitter; a shifted tree and a fresh parse),
// and the RUN scripts of a folder of Dockerfiles to compare them on.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { allInstructions } from "./ir.js";
import { parseDockerfile } from "./parse.js";
import { joinContinuations } from "./run-script.js";
import type { ShellNode } from "./shell.js";

export function dumpTree(node: ShellNode, field: string | null = null, indent = ""): string {
  let out = `${indent}${field ? `${field}: ` : ""}${node.isNamed ? node.type : JSON.stringify(node.type)} ${node.startIndex}-${node.endIndex}${node.hasError ? " ERROR" : ""}\n`;
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (child) out += dumpTree(child, node.fieldNameForChild(i), `${indent}  `);
  }
  return out;
}

/** Every Dockerfile under `root`. */
export function dockerfiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/Dockerfile$/.test(name)) found.push(path);
    }
  };
  walk(root);
  return found;
}

/** Each RUN's script as the passes parse it: joined, and raw (some passes parse the raw text). */
export function* runTexts(files: readonly string[]): Iterable<string> {
  for (const file of files) {
    let df: ReturnType<typeof parseDockerfile>["dockerfile"];
    try {
      df = parseDockerfile(readFileSync(file, "utf8")).dockerfile;
    } catch {
      continue;
    }
    for (const instr of allInstructions(df)) {
      if (instr.keyword !== "RUN" || instr.exec) continue;
      yield joinContinuations(instr.args);
      yield instr.args;
    }
  }
}
