// What verify needs to know of a Dockerfile without building it: the external base image of the final stage
// (to tell what the Dockerfile set from what it inherited), the paths its final stage copies in, and every path
// its instructions above that base can write (so that the rest of the image is the base's own file system).
import { posix } from "node:path";
import { argDefaults } from "../core/from-refs.js";
import type { Dockerfile, Stage } from "../core/ir.js";
import { parseDockerfile } from "../core/parse.js";

export interface DockerfileFacts {
  /** The final stage's external base image (ARG defaults substituted), `scratch`, or null when unknown. */
  readonly base: string | null;
  /** Absolute destinations of the final stage's COPY/ADD, and its last WORKDIR. */
  readonly copied: readonly string[];
  /**
   * The same, with a file-name glob kept as written (`/app/package*.json`) where `copied` names the folder it
   * lands in: which files a COPY brings, for telling a missing file from one the build kept.
   */
  readonly copiedPatterns: readonly string[];
  readonly workdir: string | null;
  /**
   * Every path the final stage's instructions above its base image write (COPY/ADD destinations, WORKDIR
   * folders), or null when that is not known: a RUN, a VOLUME, a variable in a path, an unknown instruction or
   * syntax. Nothing outside these paths (and the folders above them) differs from the base image.
   */
  readonly writes: readonly string[] | null;
  /** The TCP ports the final stage's EXPOSE instructions name (not its base's), or null when one is a variable or a range. */
  readonly exposed: readonly number[] | null;
}

/** Instructions that change the image config only. */
const CONFIG_ONLY = new Set([
  "ENV",
  "ARG",
  "LABEL",
  "EXPOSE",
  "USER",
  "CMD",
  "ENTRYPOINT",
  "HEALTHCHECK",
  "STOPSIGNAL",
  "SHELL",
  "MAINTAINER",
]);

/**
 * `isFile(path)`: is this path of the build context a regular file? Files named into a folder
 * (`COPY a.sh /usr/local/bin/`) then write only themselves; without it the whole folder counts as written.
 */
export function dockerfileFacts(
  text: string,
  buildArgs: Readonly<Record<string, string>> = {},
  isFile: (path: string) => boolean = () => false,
): DockerfileFacts {
  const none = { base: null, copied: [], copiedPatterns: [], workdir: null, writes: null, exposed: null };
  let df: Dockerfile;
  try {
    df = parseDockerfile(text).dockerfile;
  } catch {
    return none;
  }
  if (df.stages.length === 0) return none;
  const args = new Map<string, string>();
  for (const a of df.globalArgs) for (const { name, value } of argDefaults(a)) if (value !== null) args.set(name, value);
  for (const [k, v] of Object.entries(buildArgs)) args.set(k, v);
  const substitute = (s: string) =>
    s.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}?/g, (_, name: string, dflt?: string) => args.get(name) || dflt || "");
  // Follow `FROM <earlier stage>` to the stage that starts from an image.
  const chain: Stage[] = [];
  let stage: Stage | undefined = df.stages[df.stages.length - 1];
  let base: string | null = null;
  while (stage && chain.length <= df.stages.length) {
    chain.unshift(stage);
    const ref: string = substitute(stage.base.raw).toLowerCase();
    const index = df.stages.indexOf(stage);
    const parent: Stage | undefined = df.stages
      .slice(0, index)
      .reverse()
      .find((s) => s.name?.toLowerCase() === ref);
    if (!parent) {
      base = ref.includes("$") ? null : substitute(stage.base.raw);
      break;
    }
    stage = parent;
  }
  let workdir = "/";
  let setWorkdir: string | null = null;
  const copied: string[] = [];
  const patterns: string[] = [];
  // A syntax other than Docker's own may give any instruction another meaning.
  const syntax = df.directives.find((d) => d.name.toLowerCase() === "syntax")?.value.trim();
  let writes: string[] | null = syntax && !/^(docker\.io\/)?docker\/dockerfile(:[\w.-]+)?(@sha256:[0-9a-f]+)?$/.test(syntax) ? null : [];
  // A relative path before any WORKDIR is relative to the base image's working folder, unknown here.
  let absolute = false;
  let exposed: number[] | null = [];
  const relative = (path: string) => !path.startsWith("/") && !absolute;
  for (const s of chain) {
    for (const instr of s.body) {
      if (instr.keyword === "WORKDIR") {
        if (instr.args.includes("$") || relative(instr.args.trim())) writes = null;
        absolute = true;
        workdir = posix.resolve(workdir, substitute(instr.args.trim()));
        setWorkdir = workdir;
        writes?.push(workdir);
      } else if (instr.keyword === "COPY" || instr.keyword === "ADD") {
        const words = instr.exec ?? jsonWords(instr.args) ?? instr.args.trim().split(/\s+/);
        const dest = substitute(words[words.length - 1] ?? "");
        if (instr.heredocs.length > 0 || (words[words.length - 1] ?? "").includes("$") || relative(dest)) writes = null;
        if (!dest) continue;
        const target = posix.resolve(workdir, dest);
        const sources = words.slice(0, -1).filter((w) => !w.startsWith("--"));
        // `COPY a.sh b.sh /usr/local/bin/`: the files it adds, not the whole system folder.
        const named = sources.every((src) => !/[*?[]/.test(src) && !/(^|\/)\.?$/.test(src));
        // A destination `.` (or `..`, `dir/.`) is a folder like one that ends in `/`: `COPY package.json .`.
        const folderDest = dest.endsWith("/") || /(^|\/)\.\.?$/.test(dest);
        const intoFolder = (folderDest || sources.length > 1) && named && sources.length > 0;
        if (intoFolder) for (const src of sources) copied.push(posix.join(target, posix.basename(substitute(src))));
        else copied.push(target);
        // `COPY package*.json ./`: files named by a glob of their own name land in the folder under that name.
        const globbed = (folderDest || sources.length > 1) && sources.length > 0;
        if (
          !intoFolder &&
          globbed &&
          sources.every((src) => !src.includes("$") && /^[^*?[]*\/?[^/]*[*?[][^/]*$/.test(src) && !/(^|\/)\.?$/.test(src))
        )
          for (const src of sources) patterns.push(posix.join(target, posix.basename(src)));
        else if (intoFolder) for (const src of sources) patterns.push(posix.join(target, posix.basename(substitute(src))));
        else patterns.push(target);
        // A folder named as a source puts its contents in the destination, and ADD unpacks an archive there:
        // only files of the context that COPY names write themselves.
        const fromContext = instr.keyword === "COPY" && !instr.flags.some((f) => f.name.toLowerCase() === "from");
        if (intoFolder && fromContext && sources.every((src) => !src.includes("$") && isFile(src)))
          writes?.push(...sources.map((src) => posix.join(target, posix.basename(src))));
        else writes?.push(target);
      } else if (instr.keyword === "EXPOSE") {
        for (const word of instr.args.trim().split(/\s+/)) {
          const m = /^(\d+)(?:\/(tcp|udp|sctp))?$/i.exec(word);
          if (!m) exposed = null;
          else if ((m[2] ?? "tcp").toLowerCase() === "tcp") exposed?.push(Number(m[1]));
        }
      } else if (instr.keyword === "RUN" && !absolute) {
        writes = null;
      } else if (instr.keyword === "RUN") {
        const compiled = compiledFolders(instr.exec ? null : instr.args);
        if (compiled === null || instr.flags.length > 0 || instr.heredocs.length > 0) writes = null;
        else writes?.push(...compiled.map((p) => posix.resolve(workdir, p)));
      } else if (!CONFIG_ONLY.has(instr.keyword)) writes = null;
    }
  }
  return {
    base,
    copied: [...new Set(copied)],
    copiedPatterns: [...new Set(patterns)],
    workdir: setWorkdir,
    writes: writes && [...new Set(writes)],
    exposed: exposed && [...new Set(exposed)].sort((a, b) => a - b),
  };
}

/** The words of an exec-form (JSON) COPY/ADD, which the parser leaves as text; null for the shell form. */
function jsonWords(args: string): string[] | null {
  if (!args.trim().startsWith("[")) return null;
  try {
    const words: unknown = JSON.parse(args);
    return Array.isArray(words) && words.every((w) => typeof w === "string") ? words : null;
  } catch {
    return null;
  }
}

/**
 * The folders `python -m compileall` writes `__pycache__` into, for a RUN that is only that command with literal
 * words (split-stages repeats such a RUN in a Python runtime); null for any other RUN.
 */
function compiledFolders(script: string | null): string[] | null {
  const words = script?.trim().split(/\s+/) ?? [];
  if (!/^python(\d+(\.\d+)?)?$/.test(words[0] ?? "") || words[1] !== "-m" || words[2] !== "compileall") return null;
  if (!words.every((w) => /^[\w./=-]+$/.test(w))) return null;
  const folders: string[] = [];
  for (let i = 3; i < words.length; i++) {
    if (words[i] === "-i") return null;
    if (/^-[dpesrjxo]$|^--invalidation-mode$/.test(words[i])) i++;
    else if (!words[i].startsWith("-")) folders.push(words[i]);
  }
  return folders.length > 0 ? folders : null;
}
