// What the image does at run time with the package managers: its ENTRYPOINT and CMD, and the scripts of the
// build context they start. A container that runs `apt-get install` or `apt-cache` reads the lists the build
// left, so a cleanup that removes them would break it.
import type { BuildContext } from "../../src/core/context.js";
import type { Dockerfile, Instruction } from "../../src/core/ir.js";
import { joinContinuations } from "../../src/core/run-script.js";
import { mayUseManager } from "./package-managers.js";

/**
 * The scripts whose package-manager commands the image runs: its shipped stages' ENTRYPOINT and CMD and the
 * build-context scripts they start, screened by their words. Read at once (a context file that cannot be read
 * declines the pass whether or not its commands are asked for later); the caller parses them when it needs them.
 */
export function runtimeScripts(df: Dockerfile, shipped: ReadonlySet<number>, context: BuildContext): string[] {
  const body = df.stages.filter((_, i) => shipped.has(i)).flatMap((s) => s.body);
  // Each shell-form context COPY's words, split once (every word of every ENTRYPOINT and CMD looks at them all).
  const copies = contextCopyWords(body);
  const scripts: string[] = [];
  for (const instr of body) {
    if (instr.keyword !== "ENTRYPOINT" && instr.keyword !== "CMD") continue;
    const text = instr.exec ? instr.exec.join(" ") : joinContinuations(instr.args, df.escape);
    if (mayUseManager(text)) scripts.push(text);
    if (!context.available) continue;
    for (const word of (instr.exec ?? text.split(/\s+/)).filter((w) => /^[\w./-]+$/.test(w) && w !== "")) {
      for (const path of contextFiles(word, copies)) {
        const script = context.read(path);
        if (script !== null && mayUseManager(script)) scripts.push(script);
      }
    }
  }
  return scripts;
}

/** The words of each shell-form COPY or ADD from the build context that has a source and a destination. */
export function contextCopyWords(body: readonly Instruction[]): string[][] {
  return body
    .filter((i) => (i.keyword === "COPY" || i.keyword === "ADD") && !i.flags.some((f) => f.name === "from") && !i.exec)
    .map((copy) => joinContinuations(copy.args).trim().split(/\s+/))
    .filter((parts) => parts.length >= 2);
}

/**
 * Context paths that a COPY put at `word` (an absolute path, or a name looked up on PATH or in WORKDIR); `copies`
 * are the words of the shell-form context COPYs that have a source and a destination.
 */
export function contextFiles(word: string, copies: readonly (readonly string[])[]): string[] {
  const base = word.replace(/^.*\//, "");
  const found: string[] = [];
  for (const parts of copies) {
    const dest = parts[parts.length - 1].replace(/\/+$/, "");
    for (const src of parts.slice(0, -1).map((s) => s.replace(/^\.\/|\/+$/g, ""))) {
      // `COPY entrypoint.sh /usr/local/bin/` or `COPY ./docker/run.sh /run.sh`
      if (src.replace(/^.*\//, "") === base || dest.replace(/^.*\//, "") === base) found.push(src);
      // `COPY . /app` with `CMD ["/app/start.sh"]`
      if (word.startsWith(`${dest}/`))
        found.push(src === "." || src === "" ? word.slice(dest.length + 1) : `${src}/${word.slice(dest.length + 1)}`);
    }
  }
  return [...new Set(found)].filter((p) => !/[*?[]/.test(p));
}
