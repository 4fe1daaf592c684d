// What verify needs to know of a Dockerfile without building it: the external base image of the final stage
// (to tell what the Dockerfile set from what it inherited) and the paths its final stage copies in.
import { posix } from "node:path";
import { argDefaults } from "../core/from-refs.js";
import type { Dockerfile, Stage } from "../core/ir.js";
import { parseDockerfile } from "../core/parse.js";

export interface DockerfileFacts {
  /** The final stage's external base image (ARG defaults substituted), `scratch`, or null when unknown. */
  readonly base: string | null;
  /** Absolute destinations of the final stage's COPY/ADD, and its last WORKDIR. */
  readonly copied: readonly string[];
  readonly workdir: string | null;
}

export function dockerfileFacts(text: string, buildArgs: Readonly<Record<string, string>> = {}): DockerfileFacts {
  let df: Dockerfile;
  try {
    df = parseDockerfile(text).dockerfile;
  } catch {
    return { base: null, copied: [], workdir: null };
  }
  if (df.stages.length === 0) return { base: null, copied: [], workdir: null };
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
  for (const s of chain) {
    for (const instr of s.body) {
      if (instr.keyword === "WORKDIR") {
        workdir = posix.resolve(workdir, substitute(instr.args.trim()));
        setWorkdir = workdir;
      } else if (instr.keyword === "COPY" || instr.keyword === "ADD") {
        const words = instr.exec ?? instr.args.trim().split(/\s+/);
        const dest = substitute(words[words.length - 1] ?? "");
        if (!dest) continue;
        const target = posix.resolve(workdir, dest);
        const sources = words.slice(0, -1).filter((w) => !w.startsWith("--"));
        // `COPY a.sh b.sh /usr/local/bin/`: the files it adds, not the whole system folder.
        const named = sources.every((src) => !/[*?[]/.test(src) && !/(^|\/)\.?$/.test(src));
        if ((dest.endsWith("/") || sources.length > 1) && named && sources.length > 0)
          for (const src of sources) copied.push(posix.join(target, posix.basename(substitute(src))));
        else copied.push(target);
      }
    }
  }
  return { base, copied: [...new Set(copied)], workdir: setWorkdir };
}
