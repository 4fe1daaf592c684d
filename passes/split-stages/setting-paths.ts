// A file or folder of the build's folders that the image's settings name: an ENV value (`SSL_CERT_FILE=/src/certs/corp.pem`,
// `GOOGLE_APPLICATION_CREDENTIALS=/app/key.json`, `SSL_CERT_DIR=/src/certs`), a word of the entry or a flag's value
// (`--config=/app/conf/app.yaml`). Libraries and programs read such files by the name the setting gives (Go's crypto/x509
// reads SSL_CERT_FILE), so the name is the evidence: the runtime keeps what it names.
import { posix } from "node:path";
import type { BuildContext } from "../../src/core/context.js";
import { declaredVariables } from "../../src/core/instructions.js";
import type { Analysis } from "./analysis.js";
import { contextSource } from "./entry.js";
import { resolvePath } from "./paths.js";

/** A path-like value: absolute, or relative with a folder or an extension (`certs/corp.pem`, `app.yaml`). */
const PATH_LIKE = /^(?:\/|\.{1,2}\/|[\w.-]+\/|[\w-]+\.\w+$)/;

/** The values one setting word may hold: a list (`a:b`), a `file:` URL, a `--flag=value`, `-Dkey=value`, `-javaagent:x`. */
function candidates(word: string): string[] {
  const value = word.replace(/^-[\w.-]*[=:]/, "").replace(/^file:(?:\/\/)?/, "");
  return value.split(/[:,;]/).filter((v) => v !== "");
}

/**
 * The absolute paths (under the runtime's working folder or another build folder) that ENV values, entry words and
 * their flag values name and that the build context holds (a file, or a folder with files).
 */
export function settingPaths(a: Analysis, context: BuildContext): string[] {
  const words: string[] = [];
  for (const instr of a.stage.body) {
    if (instr.keyword === "ENV") for (const v of declaredVariables(instr) ?? []) if (v.value) words.push(v.value);
    if (instr.keyword === "CMD" || instr.keyword === "ENTRYPOINT" || instr.keyword === "HEALTHCHECK") {
      const list = instr.exec ?? instr.args.split(/\s+/);
      // The program itself is the entry's business (entry.ts); its operands and flags are settings.
      words.push(...list.slice(1).flatMap((w) => w.split(/\s+/)));
    }
  }
  const paths = new Set<string>();
  for (const word of words) {
    if (/\$/.test(word)) continue;
    for (const value of candidates(word.replace(/^["']|["']$/g, ""))) {
      if (!PATH_LIKE.test(value)) continue;
      const path = resolvePath(a.workdir, value);
      if (path === null || path === a.workdir || path === "/") continue;
      const from = contextSource(path, a.sources);
      if (from !== null && from !== "." && (context.read(from) !== null || context.list(from).length > 0)) paths.add(path);
      else if (from !== null && from !== "." && /^[^.]+$/.test(posix.basename(path))) {
        // A name without extension (`--config conf/app`): config loaders (Rust's config crate `File::with_name`,
        // viper) try every extension they know, so each `conf/app.*` the context holds is kept (red team 20 F2).
        const stem = posix.basename(path);
        for (const file of context.list(posix.dirname(from))) if (file.startsWith(`${stem}.`)) paths.add(`${posix.dirname(path)}/${file}`);
      }
    }
  }
  return [...paths];
}
