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
