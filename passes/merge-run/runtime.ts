// What the image does at run time with the package managers: its ENTRYPOINT, CMD and HEALTHCHECK, and the scripts of the
// build context they start. A container that runs `apt-get install` or `apt-cache` reads the lists the build
// left, so a cleanup that removes them would break it.
import type { BuildContext } from "../../src/core/context.js";
import type { Dockerfile, Instruction } from "../../src/core/ir.js";
import { joinContinuations } from "../../src/core/run-script.js";
import { mayUseManager } from "./package-managers.js";

/** A command the image runs at run time, as shell text: ENTRYPOINT, CMD or HEALTHCHECK, or a script one starts. */
export interface RuntimeScript {
  readonly text: string;
  /** The instruction that runs it (`CMD`, `HEALTHCHECK`…) and its line. */
  readonly keyword: string;
  readonly line: number;
}

/**
 * The scripts whose package-manager commands the image runs: its shipped stages' ENTRYPOINT, CMD and
 * HEALTHCHECK and the build-context scripts they start, screened by their words. Read at once (a context file
 * that cannot be read declines the pass whether or not its commands are asked for later); the caller parses
 * them when it needs them.
 */
export function runtimeScripts(df: Dockerfile, shipped: ReadonlySet<number>, context: BuildContext): RuntimeScript[] {
  const body: Instruction[] = [];
  for (let i = 0; i < df.stages.length; i++) if (shipped.has(i)) body.push(...df.stages[i].body);
  // Each shell-form context COPY's words, split once (every word of every ENTRYPOINT and CMD looks at them all).
  const copies = contextCopyWords(body);
  const scripts: RuntimeScript[] = [];
  for (const instr of body) {
    const command = runtimeCommand(instr, df.escape);
    if (command === null) continue;
    const at = { keyword: instr.keyword, line: instr.line };
    if (mayUseManager(command.text)) scripts.push({ text: command.text, ...at });
    if (!context.available) continue;
    for (const word of (command.words ?? command.text.split(/\s+/)).filter((w) => /^[\w./-]+$/.test(w) && w !== "")) {
      for (const path of contextFiles(word, copies)) {
        const script = context.read(path);
        if (script !== null && mayUseManager(script)) scripts.push({ text: script, ...at });
      }
    }
  }
  return scripts;
}

/**
 * What an ENTRYPOINT, CMD or HEALTHCHECK CMD runs, as shell text (an exec form's words quoted, so that
 * `["sh", "-c", "apt-get install …"]` reads as the shell would run it), and the exec form's words; null for
 * other instructions and `HEALTHCHECK NONE`.
 */
export function runtimeCommand(instr: Instruction, escape: "\\" | "`"): { text: string; words: readonly string[] | null } | null {
  if (instr.keyword === "ENTRYPOINT" || instr.keyword === "CMD") {
    return instr.exec ? { text: execText(instr.exec), words: instr.exec } : { text: joinContinuations(instr.args, escape), words: null };
  }
  if (instr.keyword !== "HEALTHCHECK") return null;
  const match = /^\s*CMD\s+([\s\S]*)$/i.exec(joinContinuations(instr.args, escape));
  return match ? commandText(match[1]) : null;
}

/** A command written in shell or exec (JSON) form, as shell text, and the exec form's words. */
export function commandText(text: string): { text: string; words: readonly string[] | null } {
  const trimmed = text.trim();
  if (trimmed.startsWith("[")) {
    try {
      const words: unknown = JSON.parse(trimmed);
      if (Array.isArray(words) && words.every((w) => typeof w === "string")) return { text: execText(words), words };
    } catch {
      // Not JSON: BuildKit runs it in shell form.
    }
  }
  return { text: trimmed, words: null };
}

/** Exec-form words as one shell command line, each word single-quoted. */
export function execText(words: readonly string[]): string {
  return words.map((w) => `'${w.replace(/'/g, "'\\''")}'`).join(" ");
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
