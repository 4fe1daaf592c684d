// Option `harden` keeps root when the sources visibly write a literal absolute path that the non-root user
// would not own: `fs.appendFileSync("/var/log/app.log", …)`, `os.makedirs("/data/cache")`, `os.WriteFile("/etc/…")`,
// `echo … > /etc/nginx/conf.d/x.conf` in a shell script. The user owns the copied files and the working folder,
// and may write /tmp, /var/tmp, /dev and its home; anything else written as root before fails as that user.
import type { BuildContext } from "../../src/core/context.js";
import { workdirPath } from "../../src/core/instructions.js";
import type { Stage } from "../../src/core/ir.js";
import { searchedSources } from "./mentions.js";

/** A string literal of an absolute path, as group 2 (group 1 is its quote). */
const LITERAL = String.raw`(["'\x60])(\/[^"'\x60\n]*)\1`;

/** Calls that create or write their first argument. */
const WRITERS: readonly RegExp[] = [
  // Node's fs (sync, callback and promise forms share the names); Python's os.mkdir/makedirs and logging handlers.
  new RegExp(
    String.raw`\b(?:writeFileSync|writeFile|appendFileSync|appendFile|mkdirSync|mkdir|makedirs|createWriteStream|mkdtempSync|mkdtemp|FileHandler|RotatingFileHandler|TimedRotatingFileHandler|mkdir_p|mkpath)\s*\(\s*${LITERAL}`,
    "g",
  ),
  // open() / fs.openSync() / File.open() with a mode that writes.
  new RegExp(String.raw`\b(?:open|openSync)\s*\(\s*${LITERAL}\s*,\s*(?:mode\s*=\s*)?["'][^"'\n]*[wax+]`, "g"),
  // pathlib: Path("/x").write_text(…), .mkdir(), .touch(); Ruby File.write, Logger.new.
  new RegExp(String.raw`\bPath\s*\(\s*${LITERAL}\s*\)\s*\.\s*(?:write_text|write_bytes|mkdir|touch)\b`, "g"),
  new RegExp(String.raw`\b(?:File\.write|Logger\.new)\s*\(\s*${LITERAL}`, "g"),
  // Go's os package.
  new RegExp(String.raw`\bos\.(?:WriteFile|Create|MkdirAll|Mkdir|OpenFile)\s*\(\s*${LITERAL}`, "g"),
];

/** In shell scripts: a redirection into, `tee` to, or `mkdir`/`touch` of an absolute path (group 1). */
const SHELL_WRITES = /(?:>>?|\btee(?:\s+-a)?|\bmkdir(?:\s+-p)?|\btouch)\s*(\/[^\s;|&)'"`]+)/g;
const SHELL_SCRIPT = /^#!\s*\S*(\/|\s)(ba|da)?sh\b/;

/** Folders a non-root user may write on any image. */
const WRITABLE = ["/tmp", "/var/tmp", "/dev", "/proc", "/sys", "/run/user"];

/**
 * The first literal absolute path a source file writes outside what the user `user` of the hardened runtime
 * owns (the stage's WORKDIR and COPY/ADD destinations, its home) or may write anyway; null when none.
 */
export function unownedWrite(context: BuildContext, stage: Stage, user: string): { file: string; path: string } | null {
  if (!context.available) return null;
  const owned = [...WRITABLE, `/home/${user}`, ...stagePaths(stage)];
  const allowed = (path: string) => owned.some((o) => o === "/" || path === o || path.startsWith(`${o.replace(/\/$/, "")}/`));
  for (const { path: file, text } of searchedSources(context)) {
    const found: string[] = [];
    for (const re of WRITERS) for (const m of text.matchAll(re)) found.push(m[2]);
    if (SHELL_SCRIPT.test(text) || /\.(ba|da)?sh$/.test(file)) for (const m of text.matchAll(SHELL_WRITES)) found.push(m[1]);
    for (const raw of found) {
      // Only the folder before a variable (`/var/log` of `/var/log/${name}.log`) is known.
      const cut = raw.search(/[$%{]/);
      const path = (cut < 0 ? raw : raw.slice(0, raw.lastIndexOf("/", cut))).replace(/\/+$/, "");
      if (path === "") continue;
      if (!allowed(path)) return { file, path: raw };
    }
  }
  return null;
}

/** The stage's working folders and COPY/ADD destinations, absolute. */
function stagePaths(stage: Stage): string[] {
  const paths: string[] = [];
  let cwd = "/";
  for (const instr of stage.body) {
    if (instr.keyword === "WORKDIR") {
      const { path, literal } = workdirPath(instr.args);
      if (path.includes("$") && !literal) continue;
      cwd = path.startsWith("/") ? path : `${cwd.replace(/\/$/, "")}/${path}`;
      paths.push(cwd);
    } else if (instr.keyword === "COPY" || instr.keyword === "ADD") {
      const words = instr.args.trim().split(/\s+/);
      const dest = words[words.length - 1]?.replace(/^\[?"?|"?\]?$/g, "");
      if (!dest || dest.includes("$")) continue;
      paths.push(dest.startsWith("/") ? dest : `${cwd.replace(/\/$/, "")}/${dest}`.replace(/\/\.\/?$/, ""));
    }
  }
  return paths.map((p) => (p.length > 1 ? p.replace(/\/+$/, "") : p));
}
