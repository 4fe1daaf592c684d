// .gitignore matching, enough for finding Dockerfiles: per-folder files, `!` negation, `/` anchoring,
// trailing `/` for folders, `*`, `?`, `[...]` and `**`. The last matching rule wins.
import { sep } from "node:path";
import { globToRegexSource } from "../core/glob.js";

interface Rule {
  /** The folder of its .gitignore, with a trailing separator: the paths it applies to start with it. */
  readonly prefix: string;
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
      const body = globToRegexSource(line);
      added.push({
        prefix: dir.endsWith(sep) ? dir : dir + sep,
        regex: new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`),
        negate,
        dirOnly,
      });
    }
    return added.length ? new GitIgnore([...this.rules, ...added]) : this;
  }

  ignores(path: string, isDir: boolean): boolean {
    let ignored = false;
    for (const rule of this.rules) {
      if (rule.dirOnly && !isDir) continue;
      // Walked paths are absolute and normalised: below the rule's folder is a prefix (path.relative costs more).
      if (!path.startsWith(rule.prefix)) continue;
      const rel = sep === "/" ? path.slice(rule.prefix.length) : path.slice(rule.prefix.length).split(sep).join("/");
      if (rel === "" || rel.startsWith("..")) continue;
      if (rule.regex.test(rel)) ignored = !rule.negate;
    }
    return ignored;
  }
}
