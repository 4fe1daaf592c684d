// The warm-rebuild measurement: after a harmless edit of one source file, both Dockerfiles build again with their
// cache warm. It starts as soon as both cold builds are done, beside the probes, and is stopped (the edit undone)
// when the probes find a difference: on a small app it cost as long as both cold builds again, after everything
// else. The two sides build at the same time from the same edit, so each runs beside the same work: a step both
// share runs once and each side waits for it, as it would alone; in turn, one side's edit could not stay on disk
// while the other's build still reads the context.
import { randomBytes } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fsContext } from "../core/context.js";
import { withDockerignore } from "../core/dockerignore.js";
import type { Docker } from "./docker.js";
import type { RunRoot } from "./run-root.js";

export interface RebuildRequest {
  readonly docker: Docker;
  readonly context: string;
  readonly dockerfile: string;
  /** The optimized Dockerfile's text. */
  readonly text: string;
  /** Where each side's rebuilt image goes: not the tags the probes read. */
  readonly tags: readonly [original: string, optimized: string];
  readonly rounds: number;
  readonly runRoot?: RunRoot;
  /** Holds the undo of the edit while it is on disk, so an interruption puts the file back too. */
  readonly edit: { restore: (() => void) | null };
}

export interface Rebuild {
  /** The edited source file, relative to the context. */
  readonly editedFile: string;
  /** Each side's median seconds over the rounds, null when a build failed or was stopped. */
  readonly seconds: Promise<readonly [number | null, number | null]>;
  /** Stop the builds and undo the edit. */
  stop(): Promise<void>;
}

/** Start the measurement; null when the context has no source file to edit. */
export function startRebuild(r: RebuildRequest): Rebuild | null {
  const edited = pickSourceFile(r.context);
  if (!edited) return null;
  const before = readFileSync(edited);
  const marker = `msb-opt verify ${randomBytes(6).toString("hex")}`;
  // Kept in the run's folder too: a run killed outright has it restored by the next one.
  const forget = r.runRoot?.saveEdit(edited, before, marker) ?? (() => {});
  r.edit.restore = () => {
    writeFileSync(edited, before);
    forget();
    r.edit.restore = null;
  };
  const stopped = new AbortController();
  const seconds = (async (): Promise<readonly [number | null, number | null]> => {
    const times: [number[], number[]] = [[], []];
    try {
      for (let round = 0; round < r.rounds; round++) {
        // A fresh edit each round, so neither side reuses a build of the last one.
        writeFileSync(edited, Buffer.concat([before, Buffer.from(sourceEdit(edited, `${marker} ${round}`))]));
        const [a, b] = await Promise.all([
          r.docker.build({ context: r.context, dockerfile: r.dockerfile, tag: r.tags[0], signal: stopped.signal }),
          r.docker.build({ context: r.context, dockerfile: r.dockerfile, text: r.text, tag: r.tags[1], signal: stopped.signal }),
        ]);
        if (a.code !== 0 || b.code !== 0 || stopped.signal.aborted) return [null, null];
        times[0].push(a.seconds);
        times[1].push(b.seconds);
      }
      return [median(times[0]), median(times[1])];
    } finally {
      r.edit.restore?.();
    }
  })();
  return {
    editedFile: relative(r.context, edited),
    seconds,
    async stop() {
      stopped.abort();
      await seconds.catch(() => null);
    },
  };
}

const MANIFESTS =
  /^(package(-lock)?\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|go\.(mod|sum)|requirements.*\.txt|pyproject\.toml|poetry\.lock|Pipfile(\.lock)?|pom\.xml|build\.gradle(\.kts)?|Cargo\.(toml|lock)|Gemfile(\.lock)?|composer\.(json|lock)|.*Dockerfile.*|\.dockerignore)$/;
const SOURCE = /\.(js|mjs|cjs|ts|tsx|jsx|py|go|java|kt|c|h|cc|cpp|rs|rb|php|cs|html|css|sh)$/;

/**
 * Build settings, not sources (`next.config.js`, `vite.config.ts`, `.eslintrc.js`, `gulpfile.js`): build tools
 * treat an edit there as a new build, so it is the edit least like an everyday one.
 */
const BUILD_SETTINGS = /^(.*\.config\.[cm]?[jt]s|\..*rc\.[cm]?js|[Gg]ulpfile\.[cm]?js|Gruntfile\.js|setup\.py|conftest\.py|manage\.py)$/;

/** A source file of the context (not a manifest, not ignored), the kind of file an everyday edit touches. */
export function pickSourceFile(context: string): string | null {
  const ctx = withDockerignore(fsContext(context));
  const walk = (dir: string, depth: number, settings: boolean): string | null => {
    const names = ctx.list(dir).filter((n) => !n.startsWith(".") && n !== "node_modules");
    for (const name of names) {
      const rel = dir === "." ? name : `${dir}/${name}`;
      if (SOURCE.test(name) && !MANIFESTS.test(name) && (settings || !BUILD_SETTINGS.test(name)) && ctx.read(rel) !== null)
        return join(context, rel);
    }
    if (depth >= 4) return null;
    for (const name of names) {
      const rel = dir === "." ? name : `${dir}/${name}`;
      if (isDir(join(context, rel))) {
        const found = walk(rel, depth + 1, settings);
        if (found) return found;
      }
    }
    return null;
  };
  return walk(".", 0, false) ?? walk(".", 0, true);
}

/**
 * A harmless edit that no earlier build saw: a comment with a fresh nonce in the file's own syntax (a
 * repeated edit would hit the build cache of the last build and measure nothing).
 */
export function sourceEdit(file: string, nonce: string): string {
  if (/\.(py|rb|sh)$/.test(file)) return `\n# ${nonce}\n`;
  if (/\.html$/.test(file)) return `\n<!-- ${nonce} -->\n`;
  if (/\.css$/.test(file)) return `\n/* ${nonce} */\n`;
  return `\n// ${nonce}\n`;
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function median(xs: readonly number[]): number {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}
