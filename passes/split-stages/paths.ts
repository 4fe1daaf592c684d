// Absolute container paths for the split: where a build step writes, and the set of paths the runtime copies.
import { posix } from "node:path";

/** `p` made absolute against the working directory, or null when it is relative and there is none. */
export function resolvePath(cwd: string | null, p: string): string | null {
  if (p.startsWith("/")) return trimSlash(posix.normalize(p));
  if (cwd === null) return null;
  return trimSlash(posix.normalize(posix.join(cwd, p)));
}

function trimSlash(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, "") : p;
}

/** Is `p` equal to `dir` or inside it? */
export function isUnder(p: string, dir: string): boolean {
  return p === dir || dir === "/" || p.startsWith(`${dir}/`);
}

/** The paths sorted, without those inside another one. */
export function outermost(paths: Iterable<string>): string[] {
  const sorted = [...new Set(paths)].sort();
  return sorted.filter((p) => !sorted.some((q) => q !== p && isUnder(p, q)));
}

/** System folders a runtime must never take wholesale from the builder (they hold the toolchain). */
const SYSTEM_DIRS = new Set([
  "/",
  "/bin",
  "/sbin",
  "/lib",
  "/lib64",
  "/usr",
  "/usr/bin",
  "/usr/sbin",
  "/usr/lib",
  "/usr/local",
  "/usr/local/bin",
  "/usr/local/lib",
  "/usr/share",
  "/etc",
  "/var",
  "/opt",
  "/home",
  "/root",
  "/tmp",
  "/go",
  "/go/bin",
]);

export function isSystemDir(p: string): boolean {
  return SYSTEM_DIRS.has(p);
}

/**
 * The words a shell that expands braces (bash, zsh, ksh) makes of a word's text: `/opt/app/{conf,data}` →
 * `/opt/app/conf`, `/opt/app/data`; `app{1..3}.log` → three. Quotes, escapes, `${…}`, `$(…)` and backquotes are left
 * as they are (nothing inside them expands); a word without a brace expansion comes back alone. Null when the
 * expansion is too large to follow (more than 64 words).
 */
export function braceWords(text: string): string[] | null {
  const out: string[] = [];
  const queue = [text];
  while (queue.length > 0) {
    const word = queue.shift() as string;
    const found = firstBraces(word);
    if (found === null) {
      out.push(word);
      continue;
    }
    const [start, end, items] = found;
    for (const item of items) queue.push(word.slice(0, start) + item + word.slice(end + 1));
    if (out.length + queue.length > 64) return null;
  }
  return out;
}

/** The first brace expansion of a word: where its `{` and `}` are and what it expands to. */
function firstBraces(word: string): [number, number, string[]] | null {
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    if (c === "\\") i++;
    else if (c === "'" || c === '"' || c === "`") i = closing(word, i, c);
    else if (c === "$" && (word[i + 1] === "{" || word[i + 1] === "(")) i = matching(word, i + 1);
    else if (c === "{") {
      const end = matching(word, i);
      if (end >= word.length) return null;
      const body = word.slice(i + 1, end);
      const items = alternatives(body) ?? sequence(body);
      if (items !== null) return [i, end, items];
    }
  }
  return null;
}

/** Where the quote opened at `i` closes (the word's end when it does not). */
function closing(word: string, i: number, quote: string): number {
  for (let j = i + 1; j < word.length; j++) {
    if (word[j] === "\\" && quote !== "'") j++;
    else if (word[j] === quote) return j;
  }
  return word.length;
}

/** Where the bracket at `i` (`{` or `(`) closes, past quotes and nested brackets (the word's end when it does not). */
function matching(word: string, i: number): number {
  const open = word[i];
  const close = open === "{" ? "}" : ")";
  let depth = 0;
  for (let j = i; j < word.length; j++) {
    const c = word[j];
    if (c === "\\") j++;
    else if (c === "'" || c === '"' || c === "`") j = closing(word, j, c);
    else if (c === open) depth++;
    else if (c === close && --depth === 0) return j;
  }
  return word.length;
}

/** `a,b,c` (commas outside nested braces and quotes) → its items; null without such a comma. */
function alternatives(body: string): string[] | null {
  const items: string[] = [];
  let from = 0;
  for (let j = 0; j < body.length; j++) {
    const c = body[j];
    if (c === "\\") j++;
    else if (c === "'" || c === '"' || c === "`") j = closing(body, j, c);
    else if (c === "{" || (c === "$" && body[j + 1] === "(")) j = matching(body, c === "$" ? j + 1 : j);
    else if (c === ",") {
      items.push(body.slice(from, j));
      from = j + 1;
    }
  }
  if (items.length === 0) return null;
  items.push(body.slice(from));
  return items;
}

/** `1..3`, `01..10`, `a..e`, `1..9..2` → its items; null for anything else. */
function sequence(body: string): string[] | null {
  const m = /^(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.(-?\d+))?$/.exec(body);
  if (!m || /\d/.test(m[1]) !== /\d/.test(m[2])) return null;
  const numeric = /\d/.test(m[1]);
  const from = numeric ? Number.parseInt(m[1], 10) : m[1].charCodeAt(0);
  const to = numeric ? Number.parseInt(m[2], 10) : m[2].charCodeAt(0);
  const step = Math.abs(Number.parseInt(m[3] ?? "1", 10)) || 1;
  const width = numeric && (/^-?0\d/.test(m[1]) || /^-?0\d/.test(m[2])) ? Math.max(m[1].length, m[2].length) : 0;
  const items: string[] = [];
  for (let v = from; from <= to ? v <= to : v >= to; v += from <= to ? step : -step) {
    if (!numeric) items.push(String.fromCharCode(v));
    else items.push(width > 0 ? (v < 0 ? `-${String(-v).padStart(width - 1, "0")}` : String(v).padStart(width, "0")) : String(v));
    // Past 64 the caller gives up: no need to go on.
    if (items.length > 64) break;
  }
  return items;
}
