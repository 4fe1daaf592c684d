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
 * Does a requirements file (or one it includes) name a local project? `read` gives a file's text by its path as
 * pip sees it (relative to the working folder), null when unknown: then the answer is null too.
 */
export function namesLocalProject(file: string, read: (path: string) => string | null, depth = 0): boolean | null {
  const text = read(file);
  if (text === null || depth > 8) return null;
  for (const raw of asciiText(text).split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (line === "") continue;
    if (LOCAL.test(line)) return true;
    const nested = /^(?:-r|--requirement)\s*=?\s*(\S+)/.exec(line)?.[1];
    if (nested === undefined) continue;
    const found = namesLocalProject(posix.join(posix.dirname(file), nested), read, depth + 1);
    if (found !== false) return found;
  }
  return false;
}

/** The absolute folders of local projects a requirements file (or one it includes) names (`-e /opt/libs/x`). */
export function absoluteLocalProjects(file: string, read: (path: string) => string | null, depth = 0): string[] {
  const text = read(file);
  if (text === null || depth > 8) return [];
  const found: string[] = [];
  for (const raw of asciiText(text).split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    const nested = /^(?:-r|--requirement)\s*=?\s*(\S+)/.exec(line)?.[1];
    if (nested !== undefined) found.push(...absoluteLocalProjects(posix.join(posix.dirname(file), nested), read, depth + 1));
    const path = /^(?:(?:-e|--editable)(?:\s+|=))?(?:\S+\s*@\s*)?(?:file:\/\/)?(\/[^\s;#[]*)/.exec(line)?.[1];
    if (path) found.push(path.replace(/\/+$/, "") || "/");
  }
  return found;
}
