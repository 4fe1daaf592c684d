// Which context files a Rust program reads at run time, from its sources (src/ and the workspace members',
// as Go's reader does): any string literal that names a context file or folder (`"static"`,
// `"templates/**/*"`, `"./config.toml"`), files read by calls that name none (dotenv's `.env`, the config
// crate's `File::with_name("settings")` → settings.*, Rocket.toml and templates for rocket). `include_str!`,
// `include_bytes!`, `sqlx::migrate!`, `embed_migrations!` and askama/rust-embed attributes read at compile
// time, so their literals alone copy nothing. A file-opening
// call whose path is computed (a variable, `env::var`) makes the reads unknown.
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";

export interface RustSources {
  /** Context paths (relative to the project root) the program may open. */
  readonly reads: readonly string[];
  /** The first file-opening call with a computed path (`File::open(path)` in `src/main.rs`), or null. */
  readonly dynamicRead: { readonly file: string; readonly call: string } | null;
}

// Calls that open a file or folder by path, and the file servers and template loaders of common crates.
const OPENERS =
  /\b(?:File::open|fs::(?:read_to_string|read|read_dir|File::open|canonicalize|metadata)|ServeDir::new|ServeFile::new|NamedFile::open(?:_async)?|FileServer::from|fs::dir|fs::file|Files::new|Tera::new|register_templates_directory|register_template_file|path_loader|from_filename|from_path|File::with_name)\(\s*([^)]*)/g;
/** Macros and attributes that read files while compiling. */
const COMPILE_TIME =
  /\b(?:include_str|include_bytes|include|include_dir|migrate|embed_migrations)!\(\s*"[^"]*"\s*\)|#\[\s*(?:template|folder|include_dir)[^\]]*\]/g;
/** A path made of a literal folder and a computed rest: `format!("static/{}", p)`, `Path::new("static").join(p)`. */
const LITERAL_PREFIX = /^&?\s*(?:format!\(\s*|(?:std::path::)?(?:Path::new|PathBuf::from)\(\s*)?"([^"{]*)/;

/** Read the project's Rust sources (a few levels deep, no tests, benches, examples or build outputs). */
export function readRustSources(context: BuildContext, root: string, crates: ReadonlySet<string>): RustSources {
  const at = (p: string) => (root === "." ? p : `${root}/${p}`);
  const literals = new Set<string>();
  let dynamicRead: RustSources["dynamicRead"] = null;
  let wholeFolder = false;
  const named = (p: string) => {
    const path = cleanPath(p);
    return path !== "" && (context.read(at(path)) !== null || context.list(at(path)).length > 0);
  };
  const scan = (file: string) => {
    const text = codeOf(context.read(at(file)) ?? "");
    // A path from literals only, or a literal folder with a computed rest inside it.
    const literalPath = (expr: string) => {
      if (!/[A-Za-z_]/.test(expr.replace(/"[^"]*"/g, ""))) return true;
      const prefix = LITERAL_PREFIX.exec(expr)?.[1];
      return prefix !== undefined && /\/$|^[^/]+$/.test(prefix) && named(prefix.replace(/\/$/, ""));
    };
    for (const m of text.matchAll(OPENERS)) {
      // `read_dir(".")`, `ServeDir::new("./")`, `Files::new("/", ".")`: the working folder as a whole (red team 20 F7).
      if (/(?:^|,)\s*"\.\/?"\s*$/.test(m[1])) wholeFolder = true;
      if (literalPath(m[1]) || boundToLiteral(text, m[1], literalPath)) continue;
      dynamicRead ??= { file, call: `${m[0].replace(/\s+/g, " ").slice(0, 60)})` };
    }
    if (/\bdotenvy?(?:::dotenv)?\(\s*\)/.test(text)) literals.add(".env");
    for (const m of text.matchAll(/\bFile::with_name\(\s*"([^"]+)"\s*\)/g)) {
      const dir = m[1].includes("/") ? m[1].replace(/\/[^/]*$/, "") : ".";
      const stem = m[1].replace(/^.*\//, "");
      for (const f of context.list(at(dir))) if (f.startsWith(`${stem}.`)) literals.add(dir === "." ? f : `${dir}/${f}`);
    }
    for (const m of text.replace(COMPILE_TIME, "").matchAll(/"((?:[^"\\\n]|\\.)*)"/g)) literals.add(m[1]);
  };
  const walk = (dir: string, depth: number) => {
    if (depth > 8) return;
    for (const name of context.list(at(dir))) {
      const path = dir === "." ? name : `${dir}/${name}`;
      if (name.endsWith(".rs")) {
        if (name !== "build.rs" || dir !== ".") scan(path);
      } else if (!/^\.|^(target|tests|benches|examples|node_modules)$/.test(name) && !/\.\w+$/.test(name)) {
        walk(path, depth + 1);
      }
    }
  };
  walk(".", 0);
  const reads = new Set<string>(wholeFolder ? ["."] : []);
  for (const l of literals) {
    const path = cleanPath(l);
    if (path === "" || path === "." || path.startsWith("/") || path.includes("..") || /\s|\\/.test(path)) continue;
    if (path === "src" || path.startsWith("src/") || path === "Cargo.toml" || path === "Cargo.lock") continue;
    if (named(path)) reads.add(path);
    // A file the program makes in a folder of the context (`"data/notes.log"`): the folder.
    else if (path.includes("/") && named(posix.dirname(path))) reads.add(posix.dirname(path));
  }
  // Rocket reads Rocket.toml from the working folder when it starts; rocket_dyn_templates loads `templates`.
  const rocket = crates.has("rocket") ? context.read(at("Rocket.toml")) : null;
  if (rocket !== null) {
    reads.add("Rocket.toml");
    // What it names: `template_dir = "views"`, `[default.tls] certs = "certs/cert.pem"`, `key = …` (red team 20 F7).
    for (const m of rocket.matchAll(/^\s*(?:template_dir|certs|key|temp_dir)\s*=\s*["']([^"']+)["']/gm)) {
      const path = cleanPath(m[1]);
      if (path !== "" && !path.startsWith("/") && !path.includes("..") && named(path)) reads.add(path);
    }
  }
  if (crates.has("rocket_dyn_templates") && named("templates")) reads.add("templates");
  return { reads: [...reads].sort(), dynamicRead };
}

/**
 * Is the argument a variable (`path`, `&path`, `CONFIG`) whose every binding in the file (`let`, `const`,
 * `static`) is a literal path, and which no function takes as a parameter?
 */
function boundToLiteral(text: string, arg: string, literalPath: (expr: string) => boolean): boolean {
  const name = /^&?\s*([A-Za-z_]\w*)(?:\.(?:as_str|as_path|clone)\(\s*)?\s*$/.exec(arg)?.[1];
  if (name === undefined || new RegExp(`[(,]\\s*(?:mut\\s+)?${name}\\s*:`).test(text)) return false;
  const bindings = [...text.matchAll(new RegExp(`\\b(?:let(?:\\s+mut)?|const|static)\\s+${name}\\b[^=;]*=\\s*([^;]*);`, "g"))];
  return bindings.length > 0 && bindings.every((b) => literalPath(b[1]));
}

/** The code of a Rust file without line comments and the unit tests at its end (`#[cfg(test)]`). */
function codeOf(text: string): string {
  const cut = text.search(/^\s*#\[cfg\(test\)\]/m);
  return (cut >= 0 ? text.slice(0, cut) : text).replace(/^\s*\/\/.*$/gm, "");
}

/** A path as a literal or glob writes it, without glob tail, `./` and trailing slashes. */
/** A database URL's scheme before a file path (`sqlite:data/app.db`, `sqlite://data/app.db`, `file:data/app.db?cache=shared`). */
const DB_URL = /^(?:jdbc:)?(?:sqlite3?:(?:\/\/)?|file:(?:\/\/)?(?=[.\w/]))/;

function cleanPath(p: string): string {
  return p
    .replace(DB_URL, "")
    .replace(/[*?[{].*$/, "")
    .replace(/^\.\//, "")
    .replace(/\/+$/, "");
}
