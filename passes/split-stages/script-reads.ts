// Files an entry shell script of the context reads (`cat /src/mode.txt`, `. ./env.sh`, `envsubst < app.tmpl`):
// the runtime copies the script, so it must copy them too. A word that names a context file, by an absolute path
// or one relative to the working folder (the script runs there), is such a file; a word that builds a path from
// a variable (`"$APP_HOME/conf"`) may name any file, so what the script reads is unknown.
import { parseShell, simpleCommands, toWord } from "../../src/core/shell.js";
import type { Analysis } from "./analysis.js";
import type { BuildContext } from "../../src/core/context.js";
import { contextSource } from "./entry.js";
import { resolvePath } from "./paths.js";
import { SHELL_SHEBANG } from "./source-files.js";

export interface ScriptReads {
  /** Absolute paths of the context files the entry scripts name. */
  readonly paths: readonly string[];
  /** The first word that computes a path (`{ script, word }`), or null. */
  readonly computed: { readonly script: string; readonly word: string } | null;
}

export function entryScriptReads(a: Analysis, context: BuildContext, programScripts: readonly string[] = []): ScriptReads {
  const paths = new Set<string>();
  let computed: ScriptReads["computed"] = null;
  const scripts = new Set([...a.entry.filter((e) => e.from !== "script").map((e) => e.artifact), ...programScripts]);
  // A shell script of the context that a script names (`sh scripts/migrate.sh`) runs too: it is read the same way,
  // a few levels down (red team 20 F10); so is one the program itself runs (`exec.Command("sh", "scripts/x.sh")`).
  const nested = new Set<string>(programScripts);
  for (const script of scripts) {
    const src = script === null ? null : contextSource(script, a.sources);
    const text = src === null ? null : context.read(src);
    if (script === null || !text || !(SHELL_SHEBANG.test(text) || (nested.has(script) && /\.(?:sh|bash)$/.test(script)))) continue;
    const follow = (path: string) => {
      if (scripts.size < 20 && /\.(?:sh|bash)$/.test(path) && !scripts.has(path)) {
        nested.add(path);
        scripts.add(path);
      }
    };
    const parsed = parseShell(text);
    const words = simpleCommands(parsed).flatMap((c) => c.args);
    for (const redirect of parsed.root.descendantsOfType("file_redirect")) {
      const dest = redirect?.childForFieldName("destination");
      if (dest) words.push(toWord(dest));
    }
    // Paths anywhere in the text (a `for f in /src/migrations/*.sql` list, `MIG_DIR=/src/migrations`, a glob operand):
    // the folder before a glob, or the path itself, is kept when the context holds it.
    for (const m of text.matchAll(/(?:^|[\s"'=:(])(\/[\w./@+-]*[\w@+-](?:\/?[*?[][^\s"';&|)]*)?)/gm)) {
      const literal = m[1].replace(/\/?[^/]*[*?[].*$/, "");
      const path = resolvePath(a.workdir, literal);
      const from = path === null || path === script || path === "/" ? null : contextSource(path, a.sources);
      if (path !== null && from !== null && from !== "." && (context.read(from) !== null || context.list(from).length > 0)) {
        paths.add(path);
        follow(path);
      }
    }
    // `for f in migrations/*.sql`: the folder before a relative glob anywhere in the text, when the context holds it.
    for (const m of text.matchAll(/(?:^|[\s"'=(])([\w.@+-]+(?:\/[\w.@+-]+)*)\/[^\s/"';&|)]*[*?[]/gm)) {
      const path = resolvePath(a.workdir, m[1]);
      const from = path === null || path === a.workdir ? null : contextSource(path, a.sources);
      if (path !== null && from !== null && context.list(from).length > 0) paths.add(path);
    }
    for (const word of words) {
      if (word.value === null) {
        // `"$@"`, `$1`, `"${PORT:-8080}"` pass values on; a slash next to an expansion makes a path.
        if (/\//.test(word.text) && /\$/.test(word.text)) computed ??= { script, word: word.text };
        continue;
      }
      const path = resolvePath(a.workdir, word.value.replace(/^-[\w-]*=/, ""));
      // The script itself, and the working folder it runs in (`cd .`), are not reads.
      const from = path === null || path === script || path === a.workdir ? null : contextSource(path, a.sources);
      if (path !== null && from !== null && (context.read(from) !== null || context.list(from).length > 0)) {
        paths.add(path);
        follow(path);
      }
    }
  }
  return { paths: [...paths], computed };
}
