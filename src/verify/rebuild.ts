// The warm-rebuild measurement: after a harmless edit of one source file, both Dockerfiles build again with their
// cache warm. It starts as soon as both cold builds are done, beside the probes, and is stopped (the edit undone)
// when the probes find a difference: on a small app it cost as long as both cold builds again, after everything
// else. The two sides build at the same time from the same edit, so each runs beside the same work: a step both
// share runs once and each side waits for it, as it would alone; in turn, one side's edit could not stay on disk
// while the other's build still reads the context.
// `alone` (the bench) times each side by itself instead: in turns, each with an edit of its own (a build of the
// other side's edit would leave it cache hits on the steps both share), the original first in odd rounds and the
// optimized first in even ones. Both at once, a sub-second rebuild measured the other side's work and the probes'
// as much as its own: express-server's two equal steps read 0.7 s against 0.8 s.
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
  /** Each side builds by itself, in turns, each with an edit of its own (see the top); default: both at once. */
  readonly alone?: boolean;
}

export interface Rebuild {
  /** The edited source file, relative to the context. */
  readonly editedFile: string;
  /** Each side's median seconds over the rounds, null when a build failed or was stopped. */
  readonly seconds: Promise<readonly [number | null, number | null]>;
  /** Each side's seconds in every round, in order (the spread of the medians); empty when a build failed or was stopped. */
  readonly samples: Promise<readonly [readonly number[], readonly number[]]>;
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
  const edit = (nonce: string) => writeFileSync(edited, Buffer.concat([before, Buffer.from(sourceEdit(edited, `${marker} ${nonce}`))]));
  const build = (side: 0 | 1) =>
    r.docker.build({
      context: r.context,
      dockerfile: r.dockerfile,
      ...(side === 1 ? { text: r.text } : {}),
      tag: r.tags[side],
      signal: stopped.signal,
    });
  const samples = (async (): Promise<readonly [readonly number[], readonly number[]]> => {
    const times: [number[], number[]] = [[], []];
    try {
      for (let round = 0; round < r.rounds; round++) {
        if (r.alone) {
          for (const side of round % 2 === 0 ? ([0, 1] as const) : ([1, 0] as const)) {
            // A fresh edit for each build, so that no build reuses another's steps.
            edit(`${round} ${side}`);
            const done = await build(side);
            if (done.code !== 0 || stopped.signal.aborted) return [[], []];
            times[side].push(done.seconds);
          }
          continue;
        }
        // A fresh edit each round, so neither side reuses a build of the last one.
        edit(`${round}`);
        const [a, b] = await Promise.all([build(0), build(1)]);
        if (a.code !== 0 || b.code !== 0 || stopped.signal.aborted) return [[], []];
        times[0].push(a.seconds);
        times[1].push(b.seconds);
      }
      return times;
    } finally {
      r.edit.restore?.();
    }
  })();
  const seconds = samples.then(([a, b]): readonly [number | null, number | null] =>
    a.length === 0 || b.length === 0 ? [null, null] : [median(a), median(b)],
  );
  return {
    editedFile: relative(r.context, edited),
    seconds,
    samples,
    async stop() {
      stopped.abort();
      await samples.catch(() => null);
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
