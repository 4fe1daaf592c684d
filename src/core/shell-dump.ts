// A shell tree as text: what a pass can see of it (types, named-ness, offsets, fields, errors), for tests that
// compare two trees (the fast path and tree-sitter, a shifted tree and a fresh parse).
import type { ShellNode } from "./shell.js";

export function dumpTree(node: ShellNode, field: string | null = null, indent = ""): string {
  let out = `${indent}${field ? `${field}: ` : ""}${node.isNamed ? node.type : JSON.stringify(node.type)} ${node.startIndex}-${node.endIndex}${node.hasError ? " ERROR" : ""}\n`;
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (child) out += dumpTree(child, node.fieldNameForChild(i), `${indent}  `);
  }
  return out;
}
