// `python manage.py collectstatic` (or `django-admin collectstatic`) copies every app's static files into the
// settings' STATIC_ROOT, which the command line does not show: the settings module (`--settings`, the Dockerfile's
// DJANGO_SETTINGS_MODULE, or manage.py's `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")`) is
// read for it. A folder under the project (`BASE_DIR / "staticfiles"`) is the working folder's; an absolute literal
// outside it (`/vol/web/static`) is where the build writes, and any other value is a path the pass cannot tell.
import { posix } from "node:path";
import type { BuildContext } from "../../src/core/context.js";
import { declaredVariables } from "../../src/core/instructions.js";
import type { Analysis } from "./analysis.js";
import { contextSource } from "./entry.js";
import { isUnder, resolvePath } from "./paths.js";

export interface DjangoStatic {
  /** The settings file read (or manage.py, when the settings module is not found). */
  readonly file: string;
  /** What shows the write outside the working folder, or that the pass cannot tell where it goes. */
  readonly evidence: string;
}

const PYTHON = /^python(\d(\.\d+)?)?$/;

/** Where `argv` (run in `cwd`) puts the static files, when it is a `collectstatic` that may write outside `workdir`. */
export function djangoStatic(argv: readonly string[], cwd: string | null, a: Analysis, context: BuildContext): DjangoStatic | null {
  const tool = posix.basename(argv[0] ?? "");
  const words = argv.slice(1);
  const manage = PYTHON.test(tool) ? words.find((w) => !w.startsWith("-")) : undefined;
  const viaManage = manage !== undefined && posix.basename(manage) === "manage.py";
  if (!viaManage && tool !== "django-admin") return null;
  const rest = viaManage ? words.slice(words.indexOf(manage as string) + 1) : words;
  const command = rest.find((w) => !w.startsWith("-"));
  if (command === undefined || READS_NOTHING_OUTSIDE.has(command)) return null;
  const workdir = a.workdir ?? cwd ?? "/";
  const read = (abs: string | null): { src: string; text: string } | null => {
    const src = abs === null ? null : contextSource(abs, a.sources);
    const text = src === null ? null : context.read(src);
    return src !== null && text !== null ? { src, text } : null;
  };
  const managePath = viaManage ? resolvePath(cwd, manage as string) : null;
  const manageFile = managePath === null ? null : read(managePath);
  // A manage.py that neither imports Django nor names its settings variable is the project's own script: its writes
  // are read as such (own-scripts.ts).
  if (manageFile !== null && !/^\s*(?:from|import)\s+django\b|DJANGO_SETTINGS_MODULE/m.test(manageFile.text)) return null;
  // The settings module: the command line's, then the Dockerfile's ENV, then manage.py's default.
  const flagAt = rest.findIndex((w) => w === "--settings" || w.startsWith("--settings="));
  const flag = flagAt < 0 ? null : rest[flagAt].includes("=") ? rest[flagAt].slice(11) : (rest[flagAt + 1] ?? null);
  const env = a.stage.body
    .filter((i) => i.keyword === "ENV")
    .flatMap((i) => declaredVariables(i) ?? [])
    .filter((v) => v.name === "DJANGO_SETTINGS_MODULE")
    .map((v) => v.value)
    .pop();
  const fallback = manageFile ? /DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+)["']/.exec(manageFile.text)?.[1] : undefined;
  const module = flag ?? env ?? fallback ?? null;
  const shown = manageFile?.src ?? "manage.py";
  const target = command === "collectstatic" ? "STATIC_ROOT" : command === "compress" ? "COMPRESS_ROOT" : "the database";
  if (module === null || !/^[\w.]+$/.test(module))
    return {
      file: shown,
      evidence: `it runs \`${command}\` with a settings module msb-opt cannot find, so where ${target} points is unknown`,
    };
  // The module, from the folder manage.py is in (Django puts it first on sys.path) or the working folder.
  const roots = [...new Set([managePath === null ? null : posix.dirname(managePath), cwd].filter((r): r is string => r !== null))];
  const rel = module.replace(/\./g, "/");
  const settings = roots.flatMap((r) => [read(`${r}/${rel}.py`), read(`${r}/${rel}/__init__.py`)]).find((f) => f !== null) ?? null;
  if (settings === null)
    return {
      file: shown,
      evidence: `it runs \`${command}\` with settings \`${module}\`, which msb-opt could not find, so where ${target} points is unknown`,
    };
  // Settings split in files (`from .base import *`): the module's own assignment wins, else the last imported one's.
  const files = [settings, ...starImports(settings.src, settings.text, context)];
  if (command !== "collectstatic" && command !== "compress") return djangoDatabase(command, files, workdir, a);
  // django-compressor's `compress` writes into COMPRESS_ROOT, by default STATIC_ROOT.
  const root = (t: string) => (command === "compress" ? (setting(t, "COMPRESS_ROOT") ?? staticRoot(t)) : staticRoot(t));
  const value = files.map((f) => root(f.text)).find((v) => v !== null) ?? null;
  const what =
    command === "compress"
      ? "`COMPRESS_ROOT` (by default `STATIC_ROOT`), where `compress` writes the compressed files,"
      : "`STATIC_ROOT`, where `collectstatic` copies the static files,";
  const file = files.find((f) => root(f.text) !== null)?.src ?? settings.src;
  if (value === null) return null; // Django refuses to collect without STATIC_ROOT: the build fails alike.
  const literal = [...value.matchAll(/["'](\/[^"']*)["']/g)].map((m) => m[1]).find((p) => !isUnder(resolvePath("/", p) as string, workdir));
  if (literal !== undefined) return { file, evidence: `it sets ${what} to \`${literal}\`` };
  if (underProject(value, files.map((f) => f.text).join("\n"))) return null;
  return {
    file,
    evidence: `it sets ${what} to \`${value}\`, a path msb-opt cannot tell`,
  };
}

/**
 * Management commands that write nothing outside the project (the checks, the test runner, makemigrations' and
 * compilemessages' files beside the sources) or print only. Every other command may write the database (`migrate`,
 * `createcachetable`, `loaddata`, a project's own command): a SQLite file the settings put outside the working
 * folder is evidence, as STATIC_ROOT is for `collectstatic` (red team 20 F15).
 */
const READS_NOTHING_OUTSIDE = new Set([
  "check",
  "compilemessages",
  "makemessages",
  "makemigrations",
  "showmigrations",
  "sqlmigrate",
  "diffsettings",
  "help",
  "version",
  "test",
  "validate_templates",
]);

/**
 * Where `command` writes the database: the SQLite NAME of the settings' DATABASES (a literal absolute path outside the
 * working folder is evidence; a path under the project is not; any other value is a path msb-opt cannot tell), or the
 * `sqlite:////…` URL of `dj_database_url`'s default or of the Dockerfile's DATABASE_URL. A server database (PostgreSQL,
 * MySQL) is no file of the image.
 */
function djangoDatabase(
  command: string,
  files: readonly { src: string; text: string }[],
  workdir: string,
  a: Analysis,
): DjangoStatic | null {
  const text = files.map((f) => f.text).join("\n");
  const file = files.find((f) => /\bDATABASES\b/.test(f.text))?.src ?? files[0].src;
  const urls = [
    ...[...text.matchAll(/["']sqlite:\/\/\/(\/[^"']*)["']/g)].map((m) => m[1]),
    ...(/\bDATABASE_URL\b/.test(text)
      ? a.stage.body
          .filter((i) => i.keyword === "ENV")
          .flatMap((i) => declaredVariables(i) ?? [])
          .filter((v) => v.name === "DATABASE_URL")
          .flatMap((v) => /^sqlite:\/\/\/(\/.*)$/.exec(v.value ?? "")?.[1] ?? [])
      : []),
  ];
  const outsideUrl = urls.find((p) => !isUnder(resolvePath("/", p) as string, workdir));
  if (outsideUrl !== undefined)
    return { file, evidence: `it runs \`${command}\`, which writes the SQLite database its settings put at \`${outsideUrl}\`` };
  if (!/\bsqlite3\b/.test(text)) return null;
  for (const m of text.matchAll(/["']NAME["']\s*:\s*([^\n]+?)\s*,?\s*(?:#.*)?$/gm)) {
    const value = m[1].replace(/\s*[,}]+\s*$/, "").trim();
    const literal = /^["'](\/[^"']*)["']$/.exec(value)?.[1];
    if (literal !== undefined) {
      if (isUnder(resolvePath("/", literal) as string, workdir)) continue;
      return { file, evidence: `it runs \`${command}\`, which writes the SQLite database its settings put at \`${literal}\`` };
    }
    if (/^["'][^"'/]*["']$/.test(value) || underProject(value, text)) continue;
    return {
      file,
      evidence: `it runs \`${command}\`, which writes the SQLite database its settings put at \`${value}\`, a path msb-opt cannot tell`,
    };
  }
  return null;
}

/** The right-hand side of the last `STATIC_ROOT = …` of a settings file, or null. */
function staticRoot(text: string): string | null {
  return setting(text, "STATIC_ROOT");
}

/** The right-hand side of the last `NAME = …` of a settings file, or null. */
function setting(text: string, name: string): string | null {
  const all = [...text.matchAll(new RegExp(`^${name}\\s*(?::[^=\\n]*)?=\\s*(.+)$`, "gm"))];
  return all.length === 0 ? null : all[all.length - 1][1].replace(/\s+#.*$/, "").trim();
}

/** A value built only from a folder the settings derive from `__file__` and literal names without `..`. */
function underProject(value: string, text: string): boolean {
  const m =
    /^(?:os\.path\.join\(\s*([A-Z_]+)\s*,\s*((?:["'][^"'/.][^"']*["']\s*,?\s*)+)\)|([A-Z_]+)((?:\s*\/\s*["'][^"'/.][^"']*["'])+)|str\(\s*([A-Z_]+)((?:\s*\/\s*["'][^"'/.][^"']*["'])+)\s*\))$/.exec(
      value,
    );
  const base = m?.[1] ?? m?.[3] ?? m?.[5];
  if (!base || /\.\./.test(value)) return false;
  return new RegExp(`^${base}\\s*=.*__file__`, "m").test(text);
}

/** The settings files a file imports with `from .x import *` / `from pkg.x import *` (same folder or its package). */
function starImports(src: string, text: string, context: BuildContext): { src: string; text: string }[] {
  const out: { src: string; text: string }[] = [];
  for (const m of text.matchAll(/^from\s+(\.?)([\w.]+)\s+import\s+\*/gm)) {
    const name = m[2].split(".").pop() as string;
    const path = posix.join(posix.dirname(src), `${name}.py`);
    const t = context.read(path);
    if (t !== null) out.unshift({ src: path, text: t });
  }
  return out;
}
