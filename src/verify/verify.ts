// `msb-opt verify`: prove a rewrite with real BuildKit builds. Build the original and the optimized
// Dockerfile, compare their image contracts, run both and compare what they do, and measure size, layers,
// cold build time and warm rebuild time after a source-only edit.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fsContext } from "../core/context.js";
import { compareConfigs, type Docker, type ConfigDifference, type HttpAnswer, type ImageInfo } from "./docker.js";
import { withDockerignore } from "../core/dockerignore.js";
import { optimize, type OptimizeOptions } from "../core/pipeline.js";

export interface VerifyOptions {
  readonly docker: Docker;
  /** The Dockerfile and its build context (folders). */
  readonly dockerfile: string;
  readonly context: string;
  /** Settings for optimize (passes, skip, options). */
  readonly settings: OptimizeOptions;
  /** Arguments for a short run of each image (`docker run IMAGE ARGS`), instead of the default probe. */
  readonly smoke?: readonly string[];
  /** The path of the HTTP probe when the image exposes a port (default `/`). */
  readonly httpPath?: string;
  /**
   * Build the optimized side through msb-opt's BuildKit frontend image instead: the original Dockerfile
   * with `--build-arg BUILDKIT_SYNTAX=<image>`, so the rewrite happens inside the build.
   */
  readonly frontend?: string;
  /** Prefix of the image tags it builds (default `msb-opt-verify`): parallel runs can tell theirs apart. */
  readonly tagPrefix?: string;
  /** Build the first time without the build cache, so that build times are cold ones (default true). */
  readonly cold?: boolean;
  /** Env variables and label prefixes that may differ (set by the base images, not by the Dockerfile). */
  readonly ignoreEnv?: readonly string[];
  readonly ignoreLabelPrefixes?: readonly string[];
  /** Measure the warm rebuild after a source edit (default true). */
  readonly rebuild?: boolean;
  /** Look for the pass set that verifies when the full one does not (default true). */
  readonly bisect?: boolean;
  readonly progress?: (message: string) => void;
  /** Register a clean-up to run if the process is interrupted; returns the function that unregisters it. */
  readonly onInterrupt?: (cleanup: () => Promise<void>) => () => void;
}

export interface Side {
  readonly sizeBytes: number | null;
  readonly layers: number | null;
  readonly buildSeconds: number | null;
  readonly rebuildSeconds: number | null;
  readonly smoke: Smoke | null;
}

export type Smoke =
  | { readonly kind: "http"; readonly port: number; readonly status: number; readonly body: string }
  | { readonly kind: "run"; readonly args: readonly string[]; readonly code: number; readonly output: string }
  | { readonly kind: "error"; readonly message: string };

export interface VerifyResult {
  readonly equivalent: boolean;
  /** Why it is not equivalent (or what differs but is allowed), one sentence each. */
  readonly reasons: readonly string[];
  readonly changed: boolean;
  readonly optimizedText: string;
  readonly editedFile: string | null;
  readonly original: Side;
  readonly optimized: Side;
  /** When the full pass set does not verify: the passes that do, and those to skip. */
  readonly bisect: { readonly verifies: readonly string[]; readonly skip: readonly string[] } | null;
}

const EMPTY: Side = { sizeBytes: null, layers: null, buildSeconds: null, rebuildSeconds: null, smoke: null };
let sequence = 0;
/** Tags of this run's images: unique, so that parallel runs never touch each other's images. */
const RUN_ID = randomBytes(4).toString("hex");

export async function verify(options: VerifyOptions): Promise<VerifyResult> {
  const input = readFileSync(options.dockerfile, "utf8");
  const result = await optimize(input, { ...options.settings, context: fsContext(options.context) });
  const applied = [...new Set(result.changes.map((c) => c.pass))];
  const first = await compare(options, input, result.output);
  if (first.equivalent || !first.changed || options.bisect === false || applied.length === 0) return { ...first, bisect: null };
  // Drop passes from the end of the pipeline, one at a time, until the rewrite verifies.
  const skip: string[] = [];
  for (const pass of [...applied].reverse()) {
    skip.push(pass);
    const keep = applied.filter((p) => !skip.includes(p));
    options.progress?.(`bisect: trying without ${skip.join(", ")}`);
    const partial = await optimize(input, {
      ...options.settings,
      skip: [...(options.settings.skip ?? []), ...skip],
      context: fsContext(options.context),
    });
    if (partial.output === input) break;
    const attempt = await compare({ ...options, rebuild: false }, input, partial.output);
    if (attempt.equivalent) return { ...first, bisect: { verifies: keep, skip } };
  }
  return { ...first, bisect: { verifies: [], skip: applied } };
}

async function compare(options: VerifyOptions, input: string, output: string): Promise<Omit<VerifyResult, "bisect">> {
  const { docker } = options;
  const base = { optimizedText: output, changed: output !== input, editedFile: null };
  if (output === input)
    return { ...base, equivalent: true, reasons: ["msb-opt changes nothing in this file."], original: EMPTY, optimized: EMPTY };
  const id = `${RUN_ID}-${sequence++}`;
  const prefix = options.tagPrefix ?? "msb-opt-verify";
  const tags = { original: `${prefix}-${id}:original`, optimized: `${prefix}-${id}:optimized` };
  const tmp = mkdtempSync(join(tmpdir(), "msb-opt-verify-"));
  const optimizedFile = join(tmp, "Dockerfile");
  writeFileSync(optimizedFile, output);
  const cleanup = async () => {
    rmSync(tmp, { recursive: true, force: true });
    await docker.removeImages(tags.original, tags.optimized);
  };
  const unregister = options.onInterrupt?.(cleanup) ?? (() => {});
  try {
    const viaFrontend = (which: string) => which === "optimized" && options.frontend;
    const build = async (which: "original" | "optimized", dockerfile: string, noCache: boolean) => {
      options.progress?.(
        `building the ${which} Dockerfile${viaFrontend(which) ? ` through ${options.frontend}` : ""}${noCache ? " (cold)" : ""}`,
      );
      if (viaFrontend(which)) {
        return docker.build({
          context: options.context,
          dockerfile: options.dockerfile,
          tag: tags[which],
          noCache,
          buildArgs: { BUILDKIT_SYNTAX: options.frontend! },
        });
      }
      return docker.build({ context: options.context, dockerfile, tag: tags[which], noCache });
    };
    const cold = options.cold !== false;
    const b1 = await build("original", options.dockerfile, cold);
    if (b1.code !== 0) {
      return {
        ...base,
        equivalent: false,
        reasons: [`The original Dockerfile does not build: ${lastLines(b1.stderr)}`],
        original: EMPTY,
        optimized: EMPTY,
      };
    }
    const b2 = await build("optimized", optimizedFile, cold);
    const [i1, i2] = [await docker.inspect(tags.original), b2.code === 0 ? await docker.inspect(tags.optimized) : null];
    const original: Side = { ...EMPTY, sizeBytes: i1.size, layers: i1.layers, buildSeconds: b1.seconds };
    if (!i2) {
      return {
        ...base,
        equivalent: false,
        reasons: [`The optimized Dockerfile does not build: ${lastLines(b2.stderr)}`],
        original,
        optimized: EMPTY,
      };
    }
    const reasons = explainConfig(i1, i2, options);
    options.progress?.("running both images");
    const [s1, s2] = [await smoke(options, tags.original, i1, "original"), await smoke(options, tags.optimized, i2, "optimized")];
    if (s1.kind === "error") reasons.push(`The original image could not be exercised: ${s1.message}`);
    else if (JSON.stringify(s1) !== JSON.stringify(s2))
      reasons.push(`The images behave differently: ${describeSmoke(s1)} before, ${describeSmoke(s2)} after.`);

    let editedFile: string | null = null;
    let rebuild: [number | null, number | null] = [null, null];
    if (options.rebuild !== false) {
      const edited = pickSourceFile(options.context);
      if (edited) {
        editedFile = relative(options.context, edited);
        const before = readFileSync(edited);
        try {
          writeFileSync(edited, Buffer.concat([before, Buffer.from(sourceEdit(edited))]));
          const r1 = await build("original", options.dockerfile, false);
          const r2 = await build("optimized", optimizedFile, false);
          rebuild = [r1.code === 0 ? r1.seconds : null, r2.code === 0 ? r2.seconds : null];
        } finally {
          writeFileSync(edited, before);
        }
      }
    }
    const blocking = reasons.filter((r) => !r.startsWith("Allowed:"));
    return {
      ...base,
      editedFile,
      equivalent: blocking.length === 0,
      reasons,
      original: { ...original, rebuildSeconds: rebuild[0], smoke: s1 },
      optimized: { sizeBytes: i2.size, layers: i2.layers, buildSeconds: b2.seconds, rebuildSeconds: rebuild[1], smoke: s2 },
    };
  } finally {
    unregister();
    await cleanup();
  }
}

/** One sentence per contract difference; those the options allow start with "Allowed:". */
function explainConfig(before: ImageInfo, after: ImageInfo, options: VerifyOptions): string[] {
  const prefixes = options.ignoreLabelPrefixes ?? [];
  const diffs = compareConfigs(before.config, after.config, (label) => prefixes.some((p) => label.startsWith(p)));
  const ignoredEnv = new Set(options.ignoreEnv ?? []);
  const out: string[] = [];
  for (const d of diffs) {
    if (d.field === "Env") {
      const names = [...(d.before as string[]), ...(d.after as string[])].map((e) => e.slice(0, e.indexOf("=")));
      const relevant = [...new Set(names)].filter((n) => !ignoredEnv.has(n));
      if (relevant.length === 0) continue;
      out.push(
        `The environment differs: ${(d.before as string[]).join(" ") || "(unset)"} before, ${(d.after as string[]).join(" ") || "(unset)"} after.`,
      );
    } else if (d.field === "User" && options.settings.harden) {
      out.push(`Allowed: the user changed from \`${d.before || "root"}\` to \`${d.after}\` (--harden).`);
    } else {
      out.push(describeDiff(d));
    }
  }
  return out;
}

function describeDiff(d: ConfigDifference): string {
  return `The image's ${d.field} differs: ${JSON.stringify(d.before ?? null)} before, ${JSON.stringify(d.after ?? null)} after.`;
}

async function smoke(options: VerifyOptions, image: string, info: ImageInfo, which: string): Promise<Smoke> {
  const { docker } = options;
  const ports = Object.keys(info.config.ExposedPorts ?? {})
    .filter((p) => p.endsWith("/tcp"))
    .map((p) => Number(p.split("/")[0]));
  if (!options.smoke && ports.length > 0) {
    const port = ports.sort((a, b) => a - b)[0];
    const answer: HttpAnswer | { error: string } = await docker.probeHttp(image, {
      port,
      path: options.httpPath ?? "/",
      name: `${image.replace(/[:/]/g, "-")}-${which}`,
    });
    if ("error" in answer) return { kind: "error", message: answer.error };
    return { kind: "http", port, status: answer.status, body: answer.body };
  }
  const args = options.smoke ?? [];
  const r = await docker.run(image, args, { timeoutMs: 60_000 });
  return { kind: "run", args, code: r.code, output: `${r.stdout}${r.stderr}`.trim() };
}

function describeSmoke(s: Smoke): string {
  if (s.kind === "http") return `HTTP ${s.status} ${JSON.stringify(s.body.slice(0, 80))}`;
  if (s.kind === "run") return `exit ${s.code} with ${JSON.stringify(s.output.slice(0, 80))}`;
  return `error (${s.message.slice(0, 120)})`;
}

const MANIFESTS =
  /^(package(-lock)?\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|go\.(mod|sum)|requirements.*\.txt|pyproject\.toml|poetry\.lock|Pipfile(\.lock)?|pom\.xml|build\.gradle(\.kts)?|Cargo\.(toml|lock)|Gemfile(\.lock)?|composer\.(json|lock)|.*Dockerfile.*|\.dockerignore)$/;
const SOURCE = /\.(js|mjs|cjs|ts|tsx|jsx|py|go|java|kt|c|h|cc|cpp|rs|rb|php|cs|html|css|sh)$/;

/** A source file of the context (not a manifest, not ignored), the kind of file an everyday edit touches. */
export function pickSourceFile(context: string): string | null {
  const ctx = withDockerignore(fsContext(context));
  const walk = (dir: string, depth: number): string | null => {
    const names = ctx.list(dir).filter((n) => !n.startsWith(".") && n !== "node_modules");
    for (const name of names) {
      const rel = dir === "." ? name : `${dir}/${name}`;
      if (SOURCE.test(name) && !MANIFESTS.test(name) && ctx.read(rel) !== null) return join(context, rel);
    }
    if (depth >= 4) return null;
    for (const name of names) {
      const rel = dir === "." ? name : `${dir}/${name}`;
      if (isDir(join(context, rel))) {
        const found = walk(rel, depth + 1);
        if (found) return found;
      }
    }
    return null;
  };
  return walk(".", 0);
}

/**
 * A harmless edit that no earlier run made: a comment with a fresh nonce in the file's own syntax (a
 * repeated edit would hit the build cache of the last run and measure nothing).
 */
export function sourceEdit(file: string): string {
  const nonce = `msb-opt verify ${randomBytes(6).toString("hex")}`;
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

function lastLines(text: string): string {
  return text.trim().split("\n").slice(-6).join("\n");
}
