// .gitignore matching, enough for finding Dockerfiles: per-folder files, `!` negation, `/` anchoring,
// trailing `/` for folders, `*`, `?`, `[...]` and `**`. The last matching rule wins.
import { relative, sep } from "node:path";

interface Rule {
  readonly base: string;
  readonly regex: RegExp;
  readonly negate: boolean;
  readonly dirOnly: boolean;
}

export class GitIgnore {
  constructor(private readonly rules: readonly Rule[] = []) {}

  /** The rules of a `.gitignore` in `dir` added after these (they take precedence). */
  with(dir: string, text: string): GitIgnore {
    const added: Rule[] = [];
    for (let line of text.split(/\r?\n/)) {
      line = line.replace(/(?<!\\)\s+$/, "");
      if (line === "" || line.startsWith("#")) continue;
      const negate = line.startsWith("!");
      if (negate) line = line.slice(1);
      line = line.replace(/^\\([#!])/, "$1");
      const dirOnly = line.endsWith("/");
      if (dirOnly) line = line.replace(/\/+$/, "");
      const anchored = line.includes("/");
      line = line.replace(/^\//, "");
      const body = globToRegex(line);
      added.push({ base: dir, regex: new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`), negate, dirOnly });
    }
    return added.length ? new GitIgnore([...this.rules, ...added]) : this;
  }

  ignores(path: string, isDir: boolean): boolean {
    let ignored = false;
    for (const rule of this.rules) {
      if (rule.dirOnly && !isDir) continue;
      const rel = relative(rule.base, path).split(sep).join("/");
      if (rel === "" || rel.startsWith("..")) continue;
      if (rule.regex.test(rel)) ignored = !rule.negate;
    }
    return ignored;
  }
}

function globToRegex(glob: string): string {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      const slashAfter = glob[i + 2] === "/";
      out += slashAfter ? "(?:.*/)?" : ".*";
      i += slashAfter ? 2 : 1;
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else if (c === "[") {
      const end = glob.indexOf("]", i + 1);
      if (end < 0) out += "\\[";
      else {
        out += `[${glob.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else if (c === "\\" && i + 1 < glob.length) out += escapeRegex(glob[++i]);
    else out += escapeRegex(c);
  }
  return out;
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
