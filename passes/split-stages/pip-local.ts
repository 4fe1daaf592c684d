// Local projects that a `pip install -r FILE` builds: pip builds them in their own folders (egg-info, build/),
// so the RUN writes there, beside what COPY put. Named in the requirements file (`-e .`, `./libs/x`,
// `name @ file:///…`) or in one it includes (`-r other.txt`, relative to the including file).
import { posix } from "node:path";
import { asciiText } from "./closure/python-native.js";

const REQUIREMENT_FLAGS = /^(?:-r|--requirement)(?:=(.*)|(.+))?$/;
const LOCAL = /^(?:-e|--editable)(?:\s|=|$)|^[./~]|^file:|@\s*file:/;

/** The requirements files `args` names (`-r F`, `-rF`, `--requirement=F`), as written. */
export function requirementFiles(args: readonly string[]): string[] {
  const files: string[] = [];
  args.forEach((arg, i) => {
    const m = REQUIREMENT_FLAGS.exec(arg);
    if (!m) return;
    const file = m[1] ?? m[2] ?? args[i + 1];
    if (file !== undefined) files.push(file);
  });
  return files;
}

/**
 * The requirement lines of a file and of those it includes (`-r other.txt`, relative to the including file), comments
 * and blanks dropped; null for a file `read` cannot give (unknown, or nested too deep).
 */
function* requirementLines(file: string, read: (path: string) => string | null, depth = 0): Generator<string | null> {
  const text = depth > 8 ? null : read(file);
  if (text === null) {
    yield null;
    return;
  }
  for (const raw of asciiText(text).split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (line === "") continue;
    const nested = /^(?:-r|--requirement)\s*=?\s*(\S+)/.exec(line)?.[1];
    if (nested === undefined) yield line;
    else yield* requirementLines(posix.join(posix.dirname(file), nested), read, depth + 1);
  }
}

/**
 * Does a requirements file (or one it includes) name a local project? `read` gives a file's text by its path as
 * pip sees it (relative to the working folder), null when unknown: then the answer is null too.
 */
export function namesLocalProject(file: string, read: (path: string) => string | null): boolean | null {
  for (const line of requirementLines(file, read)) {
    if (line === null) return null;
    if (LOCAL.test(line)) return true;
  }
  return false;
}

/** The absolute folders of local projects a requirements file (or one it includes) names (`-e /opt/libs/x`). */
export function absoluteLocalProjects(file: string, read: (path: string) => string | null): string[] {
  const found: string[] = [];
  for (const line of requirementLines(file, read)) {
    const path = line === null ? undefined : /^(?:(?:-e|--editable)(?:\s+|=))?(?:\S+\s*@\s*)?(?:file:\/\/)?(\/[^\s;#[]*)/.exec(line)?.[1];
    if (path) found.push(path.replace(/\/+$/, "") || "/");
  }
  return found;
}

/**
 * The console scripts a local project declares (`pip install ./pkg` writes one command each into the environment's
 * `bin`): setup.py's `entry_points={"console_scripts": [...]}`, setup.cfg's `[options.entry_points]` and
 * pyproject.toml's `[project.scripts]` or `[tool.poetry.scripts]`. `read` gives a file of the project's folder.
 */
export function localConsoleScripts(read: (file: string) => string | null): string[] {
  const names = new Set<string>();
  const setupPy = read("setup.py");
  const list = setupPy === null ? null : /["']console_scripts["']\s*:\s*\[([^\]]*)\]/.exec(setupPy);
  for (const m of list?.[1].matchAll(/["']\s*([\w.-]+)\s*=/g) ?? []) names.add(m[1]);
  const cfg = read("setup.cfg");
  const entry = cfg === null ? null : /^\[options\.entry_points\][^\S\n]*\n([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(cfg);
  const scripts = entry === null ? null : /^console_scripts\s*=[^\S\n]*\n((?:[ \t]+\S.*\n?)*)/m.exec(entry[1]);
  for (const m of scripts?.[1].matchAll(/^[ \t]+([\w.-]+)\s*=/gm) ?? []) names.add(m[1]);
  const toml = read("pyproject.toml");
  for (const table of ["project.scripts", "tool.poetry.scripts"]) {
    const section =
      toml === null
        ? null
        : new RegExp(`^\\[${table.replace(/\./g, "\\.")}\\][^\\S\\n]*\\n([\\s\\S]*?)(?=^\\[|(?![\\s\\S]))`, "m").exec(toml);
    for (const m of section?.[1].matchAll(/^["']?([\w.-]+)["']?\s*=/gm) ?? []) names.add(m[1]);
  }
  return [...names];
}
