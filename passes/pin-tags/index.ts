import { readFileSync } from "node:fs";
import { CATALOG_DATE } from "../../src/core/image-catalog.js";
import { parseVersionTag } from "../../src/core/image-tags.js";
import type { Dockerfile, ImageRef } from "../../src/core/ir.js";
import { definePass, type ForesightContext, type PassContext } from "../../src/core/pass.js";
import { PIN_OPTION } from "../../src/core/settings.js";
import { LockfileError, readLockfile } from "./lockfile.js";
import { catalogAgeDays, isFailure, MAX_CATALOG_AGE_DAYS, PinResolver, type Pin, type PinFailure, type PinPolicy } from "./resolve.js";
import { findTargets, refKey, spliceArgDefault, spliceFrom, withFrom, type ArgTarget, type Target } from "../../src/core/from-refs.js";
import { parseDockerConfig, RegistryClient, type Credentials } from "./registry.js";

type Prepared = ReadonlyMap<string, Pin | PinFailure | null>;

const messages = {
  pinned: "Pinned `{from}` to `{to}` {source}.",
  pinnedArg: "Pinned the default of `ARG {name}` from `{from}` to `{to}` so that the image is `{image}`, {source}.",
  noDigestCatalog:
    "Added no digest to `{image}`: the bundled catalog knows tags, not digests; run without `--offline` or add a `digest` to msb-opt.lock.json.",
  noDigestLockfile: "Added no digest to `{image}`: its msb-opt.lock.json entry has none; add a `digest` to pin it.",
  noDigestArg: "Added no digest to `{image}`: the reference is built from `ARG {name}`; write the digest on the FROM line to pin it.",
  unreachable:
    "Left `{ref}` unpinned: {detail}; run with `--offline` to pin from the bundled catalog of {date}, or list it in msb-opt.lock.json.",
  auth: "Left `{ref}` unpinned: {detail}; pass `--registry-config` with credentials for it, or list it in msb-opt.lock.json.",
  lookupFailed: "Left `{ref}` unpinned: {detail}; list the tag to use in msb-opt.lock.json.",
  notInCatalog: "Left `{ref}` unpinned: {detail} (offline); list it in msb-opt.lock.json or run without `--offline`.",
  staleCatalog:
    "Left `{ref}` unpinned: the bundled catalog of {date} is {age} days old (offline pins trust it for {max} days), and `{tag}` can move to a newer release line; run without `--offline`, list it in msb-opt.lock.json, or name a release line such as `{example}`.",
  badLockfile: "Left `{ref}` unpinned: {detail}; fix the lockfile.",
  argNoDefault:
    "Left `{ref}` unpinned: `ARG {name}` has no default, so the image is chosen at build time; give it a default to let msb-opt pin it.",
  argComplex: "Left `{ref}` unpinned: msb-opt pins only a FROM built from one global ARG with one default (`{name}`); pin it by hand.",
  argUsedInStage: "Left `{ref}` unpinned: a stage redeclares `ARG {name}` and would see a changed default; pin it by hand.",
  argConflict: "Left `ARG {name}` unchanged: its FROM lines would need different defaults (`{a}`, `{b}`); pin them by hand.",
  argShared: "Left `ARG {name}` unchanged: another line reads it and could not be pinned with it; pin it by hand.",
  notSpliced: "Left `{ref}` unpinned: msb-opt could not find its text on the line to replace it alone; pin it by hand.",
  ignored: "Did not pin `{ref}`: `# msb-opt ignore=pin-tags` above this FROM (or above the ARG it is built from) keeps it as written.",
  inconsistent:
    "Left `{ref}` unpinned: it resolves to `{tag}` but `{other}` resolves to `{otherTag}`, another release; pin both in msb-opt.lock.json.",
} as const;

type MessageId = keyof typeof messages;

const REGISTRY_ONLY = ["cli", "config"] as const;

/** YYYY-MM-DD naming a day of the Gregorian calendar. */
const REAL_DAY =
  "^(?:\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))" +
  "|(?:\\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$";

export default definePass({
  id: "pin-tags",
  title: "Pin base images to an explicit release",
  rationale:
    "`FROM node` or `FROM python:3-slim` names a different image every few weeks, so the same Dockerfile builds " +
    "differently and caches break. pin-tags replaces a floating tag with the most specific release tag that names " +
    "the same image today, keeping the variant (`node:22-slim` → `node:22.23.2-slim`), or adds the digest with " +
    "`--pin=digest`. Pins come from msb-opt.lock.json next to the Dockerfile, else from the registry (tags list and " +
    "manifest digests), or with `--offline` from a bundled catalog of official images. Only the image reference on " +
    "the FROM line (or the ARG default it is built from) changes.",
  messages,
  options: {
    pin: PIN_OPTION,
    // The frontend always runs offline: BuildKit gives it no network.
    offline: {
      type: "boolean",
      default: false,
      help: "never reach a registry: pin from msb-opt.lock.json, then the bundled catalog",
      edges: REGISTRY_ONLY,
    },
    registryMirror: {
      type: "string",
      pattern: "^https?://",
      meaning: "an http(s) URL",
      help: "query this mirror instead of Docker Hub for Docker Hub images",
      flag: "--registry-mirror <url>",
      edges: REGISTRY_ONLY,
    },
    registryConfig: {
      type: "string",
      meaning: "the path of a docker config.json",
      help: "a docker config.json with registry credentials (its `auths`)",
      flag: "--registry-config <file>",
      edges: REGISTRY_ONLY,
    },
    registryTimeoutMs: {
      type: "number",
      min: 1,
      default: 5000,
      help: "how long to wait for each registry request, in milliseconds",
      flag: "--registry-timeout <ms>",
      edges: REGISTRY_ONLY,
    },
    today: {
      type: "string",
      // A day that exists: months 01-12, days up to the month's length, 29 February only in leap years
      // (the catalog's age is counted from it; an impossible day made it NaN, and NaN is never "too old").
      pattern: REAL_DAY,
      meaning: "a date that exists (YYYY-MM-DD)",
      help: "the date the offline catalog's age is measured on (default: the current date; set it for reproducible output)",
      flag: "--today <date>",
      edges: ["cli"],
    },
  },
  async prepare(df, ctx): Promise<Prepared> {
    const results = new Map<string, Pin | PinFailure | null>();
    if (ctx.options.pin === "none") return results;
    const resolver = resolverFor(ctx);
    for (const t of findTargets(df)) {
      if (t.kind !== "from" && t.kind !== "arg") continue;
      // What the user told pin-tags to leave alone is never looked up.
      if (ignoredTarget(df, t, ctx)) continue;
      const key = refKey(t.ref);
      if (results.has(key)) continue;
      results.set(key, await resolver.resolve(t.ref));
    }
    return results;
  },
  // split-stages asks before it runs (the Python version of `python:3`); the same resolver answers both.
  async foreseePin(ref, ctx) {
    if (ctx.options.pin === "none") return null;
    const result = await resolverFor(ctx).resolve(ref);
    return result === null || isFailure(result) ? null : result.tag;
  },
  run(df, ctx, prepared) {
    if (ctx.options.pin === "none") return df;
    const pins: { t: Target; pin: Pin }[] = [];
    /** Per global ARG: the defaults its FROM lines ask for, how many asked, and a pin to cite. */
    const argPins = new Map<number, { t: ArgTarget; values: Set<string | null>; count: number; pin: Pin | null }>();
    const argPin = (t: ArgTarget, value: string | null, pin: Pin | null) => {
      const entry = argPins.get(t.arg) ?? { t, values: new Set<string | null>(), count: 0, pin: null };
      entry.values.add(value);
      entry.count++;
      if (pin && !entry.pin) Object.assign(entry, { t, pin });
      argPins.set(t.arg, entry);
    };
    for (const t of findTargets(df)) {
      if (t.kind === "skip") continue;
      const stage = df.stages[t.stage];
      if (ignoredTarget(df, t, ctx)) {
        ctx.decline(stage.from.line, "ignored", { ref: stage.base.raw });
        continue;
      }
      if (t.kind === "refuse") {
        ctx.decline(stage.from.line, t.reason, { ref: stage.base.raw, name: t.name });
        continue;
      }
      const result = prepared.get(refKey(t.ref)) ?? null;
      if (isFailure(result)) {
        const example = `${withoutTag(t.ref)}:${result.example ?? "<version>"}`;
        const age = { age: result.age ?? 0, max: MAX_CATALOG_AGE_DAYS, tag: t.ref.tag ?? "latest", example };
        ctx.decline(lineOf(df, t), failureMessage(result), { ref: t.ref.raw, detail: result.detail, date: CATALOG_DATE, ...age });
      } else if (result !== null) pins.push({ t, pin: result });
      else if (t.kind === "arg") argPin(t, argValue(t), null); // already pinned: it keeps its default
    }
    const consistent = dropInconsistent(df, pins, ctx);

    let out: Dockerfile = df;
    for (const { t, pin } of consistent) {
      const stage = df.stages[t.stage];
      const pinnedRef = `${withoutTag(t.ref)}:${pin.tag}`;
      if (t.kind === "from") {
        const newRef = pin.digest ? `${pinnedRef}@${pin.digest}` : pinnedRef;
        noteMissingDigest(ctx, stage.from.line, pin, pinnedRef);
        if (newRef === t.ref.raw) continue;
        const from = spliceFrom(stage.from, t.ref.raw, newRef);
        if (from === null) {
          ctx.decline(stage.from.line, "notSpliced", { ref: t.ref.raw });
          continue;
        }
        out = { ...out, stages: out.stages.map((s, i) => (i === t.stage ? withFrom(s, from, newRef) : s)) };
        ctx.report(stage.from.line, "pinned", { from: t.ref.raw, to: newRef, source: sourceText(pin) });
      } else {
        if (pin.digest) ctx.decline(stage.from.line, "noDigestArg", { image: pinnedRef, name: t.name });
        else noteMissingDigest(ctx, stage.from.line, pin, pinnedRef);
        const fits = pinnedRef.startsWith(t.prefix) && pinnedRef.endsWith(t.suffix);
        argPin(t, fits ? pinnedRef.slice(t.prefix.length, pinnedRef.length - t.suffix.length) : null, pin);
      }
    }
    for (const [index, { t, values, count, pin }] of argPins) {
      const old = df.globalArgs[index];
      const [value, other] = [...values];
      if (pin === null || value === argValue(t)) continue;
      // Every line that reads the ARG must agree on the new default, or one of them would change image.
      if (other !== undefined || value === null) {
        ctx.decline(old.line, "argConflict", { name: t.name, a: String(value ?? argValue(t)), b: String(other ?? t.ref.raw) });
        continue;
      }
      if (count !== argReaders(df, t.name)) {
        ctx.decline(old.line, "argShared", { name: t.name });
        continue;
      }
      const arg = spliceArgDefault(old, t.name, value);
      if (arg === null) {
        ctx.decline(old.line, "notSpliced", { ref: `ARG ${t.name}` });
        continue;
      }
      out = { ...out, globalArgs: out.globalArgs.map((a, i) => (i === index ? arg : a)) };
      ctx.report(old.line, "pinnedArg", {
        name: t.name,
        from: argValue(t),
        to: value,
        image: `${withoutTag(t.ref)}:${pin.tag}`,
        source: sourceText(pin),
      });
    }
    return out;
  },
});

type PinOptions = Readonly<{
  pin: string;
  offline: boolean;
  registryMirror?: string;
  registryConfig?: string;
  registryTimeoutMs: number;
  today?: string;
}>;

/**
 * One resolver per run and options: the answer `foreseePin` gives an earlier pass is the one `prepare` then
 * uses (the same cached lookup), registry or not.
 */
const resolvers = new WeakMap<Dockerfile, Map<string, PinResolver>>();

function resolverFor(ctx: ForesightContext<PinOptions>): PinResolver {
  const byOptions = resolvers.get(ctx.input) ?? new Map<string, PinResolver>();
  resolvers.set(ctx.input, byOptions);
  const key = JSON.stringify(ctx.options);
  const known = byOptions.get(key);
  if (known) return known;
  let lockfile;
  try {
    lockfile = readLockfile(ctx.context);
  } catch (err) {
    if (!(err instanceof LockfileError)) throw err;
    lockfile = { error: err.message };
  }
  let auths: Record<string, Credentials> = {};
  const configPath = ctx.options.registryConfig;
  let configError: string | null = null;
  if (configPath !== undefined && !ctx.options.offline) {
    try {
      auths = parseDockerConfig(readFileSync(configPath, "utf8"));
    } catch (err) {
      configError = `cannot read --registry-config ${configPath} (${(err as Error).message})`;
    }
  }
  const client = new RegistryClient({
    mirror: ctx.options.registryMirror,
    auths,
    timeoutMs: ctx.options.registryTimeoutMs,
  });
  const offline = ctx.options.offline;
  const catalogAge = ctx.options.today === undefined ? null : catalogAgeDays(ctx.options.today);
  const policy = ctx.options.pin as PinPolicy;
  const resolver = new PinResolver({ policy, offline, lockfile, client, registryError: configError ?? undefined, catalogAge });
  byOptions.set(key, resolver);
  return resolver;
}

/** `# msb-opt ignore=pin-tags` above the FROM (or above the global ARG it is built from, or the FROM it stems from). */
function ignoredTarget(df: Dockerfile, t: { kind: string; stage: number; arg?: number }, ctx: PassContext<MessageId>): boolean {
  return ctx.isIgnored(df.stages[t.stage].from) || (t.arg !== undefined && ctx.isIgnored(df.globalArgs[t.arg]));
}

/** The ARG's current default, as the FROM line expands it. */
function argValue(t: ArgTarget): string {
  return t.ref.raw.slice(t.prefix.length, t.ref.raw.length - t.suffix.length);
}

/** How many lines read the build argument: FROM references and other global ARG defaults. */
function argReaders(df: Dockerfile, name: string): number {
  const reads = new RegExp(`\\$\\{?${name}\\b`);
  return df.stages.filter((s) => reads.test(s.base.raw)).length + df.globalArgs.filter((a) => reads.test(a.args)).length;
}

function lineOf(df: Dockerfile, t: Target): number {
  return df.stages[t.stage].from.line;
}

/** The reference as written up to its tag: `node`, `docker.io/library/node`, `localhost:5000/app`. */
function withoutTag(ref: ImageRef): string {
  return ref.tag === null ? ref.raw : ref.raw.slice(0, ref.raw.length - ref.tag.length - 1);
}

function sourceText(pin: Pin): string {
  switch (pin.source.kind) {
    case "lockfile":
      return "from msb-opt.lock.json";
    case "registry":
      return `as \`${pin.source.host}\` serves it today`;
    case "catalog":
      return `from the bundled catalog of ${pin.source.date} (offline), which may lag the registry`;
  }
}

function noteMissingDigest(ctx: PassContext<MessageId>, line: number, pin: Pin, image: string): void {
  if (pin.noDigest === "catalog") ctx.decline(line, "noDigestCatalog", { image });
  if (pin.noDigest === "lockfile") ctx.decline(line, "noDigestLockfile", { image });
}

function failureMessage(f: PinFailure): MessageId {
  switch (f.failure) {
    case "unreachable":
      return "unreachable";
    case "auth":
      return "auth";
    case "not-in-catalog":
      return "notInCatalog";
    case "stale-catalog":
      return "staleCatalog";
    case "lockfile":
      return "badLockfile";
    default:
      return "lookupFailed";
  }
}

/**
 * Two references of one repository and release line with different variants (`node:22` and `node:22-slim`,
 * as split-stages writes them) must pin to the same release, or the runtime would not match the builder.
 */
function dropInconsistent(df: Dockerfile, pins: { t: Target; pin: Pin }[], ctx: PassContext<MessageId>): { t: Target; pin: Pin }[] {
  const bad = new Set<number>();
  for (let i = 0; i < pins.length; i++) {
    for (let j = i + 1; j < pins.length; j++) {
      const [a, b] = [pins[i], pins[j]];
      if (sameImage(a.t.ref) !== sameImage(b.t.ref) || releaseLine(a.t.ref) !== releaseLine(b.t.ref)) continue;
      const [va, vb] = [parseVersionTag(a.pin.tag), parseVersionTag(b.pin.tag)];
      if (!va || !vb || va.variant === vb.variant || va.parts.join(".") === vb.parts.join(".")) continue;
      for (const [x, y] of [
        [a, b],
        [b, a],
      ]) {
        ctx.decline(lineOf(df, x.t), "inconsistent", { ref: x.t.ref.raw, tag: x.pin.tag, other: y.t.ref.raw, otherTag: y.pin.tag });
      }
      bad.add(i).add(j);
    }
  }
  return pins.filter((_, i) => !bad.has(i));
}

/**
 * One name for every way of writing an image's repository: `node`, `library/node`, `docker.io/library/node`,
 * `index.docker.io/node` and `registry-1.docker.io/library/node` are one image on Docker Hub.
 */
function sameImage(ref: ImageRef): string {
  const registry = (ref.registry ?? "docker.io").toLowerCase();
  const hub = ["docker.io", "index.docker.io", "registry-1.docker.io"].includes(registry);
  const name = hub ? ref.name.replace(/^library\//, "") : ref.name;
  return `${hub ? "docker.io" : registry}/${name}`;
}

/** `22-slim` and `22` are on release line `22`; `latest`, `slim` and `lts-slim` on `latest`/`lts`. */
function releaseLine(ref: ImageRef): string {
  const tag = ref.tag ?? "latest";
  const v = parseVersionTag(tag);
  if (v) return v.parts.join(".");
  const first = tag.split("-")[0].toLowerCase();
  return ["lts", "current", "stable", "mainline"].includes(first) ? first : "latest";
}
