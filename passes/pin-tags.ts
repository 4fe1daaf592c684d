import { readFileSync } from "node:fs";
import { CATALOG_DATE } from "../src/image-catalog.js";
import { parseVersionTag } from "../src/image-tags.js";
import type { Dockerfile, ImageRef } from "../src/ir.js";
import { definePass, type PassContext } from "../src/pass.js";
import { LockfileError, readLockfile } from "../src/pin-lockfile.js";
import { isFailure, PinResolver, type Pin, type PinFailure } from "../src/pin-resolve.js";
import { findTargets, refKey, spliceArgDefault, spliceFrom, withFrom, type Target } from "../src/pin-targets.js";
import { parseDockerConfig, RegistryClient, type Credentials } from "../src/registry.js";

/**
 * Options (besides `pin` and `offline`): `registryMirror` (URL serving Docker Hub images),
 * `registryConfig` (path of a docker config.json with credentials), `registryTimeoutMs`.
 */
type Prepared = ReadonlyMap<string, Pin | PinFailure | null>;

const messages = {
  pinned: "Pinned `{from}` to `{to}` {source}.",
  pinnedArg: "Pinned the default of `ARG {name}` from `{from}` to `{to}` so that the image is `{image}`, {source}.",
  noDigestCatalog: "Added no digest to `{image}`: the bundled catalog knows tags, not digests; run without `--offline` or add a `digest` to msb-opt.lock.json.",
  noDigestLockfile: "Added no digest to `{image}`: its msb-opt.lock.json entry has none; add a `digest` to pin it.",
  noDigestArg: "Added no digest to `{image}`: the reference is built from `ARG {name}`; write the digest on the FROM line to pin it.",
  unreachable: "Left `{ref}` unpinned: {detail}; run with `--offline` to pin from the bundled catalog of {date}, or list it in msb-opt.lock.json.",
  auth: "Left `{ref}` unpinned: {detail}; pass `--registry-config` with credentials for it, or list it in msb-opt.lock.json.",
  lookupFailed: "Left `{ref}` unpinned: {detail}; list the tag to use in msb-opt.lock.json.",
  notInCatalog: "Left `{ref}` unpinned: {detail} (offline); list it in msb-opt.lock.json or run without `--offline`.",
  badLockfile: "Left `{ref}` unpinned: {detail}; fix the lockfile.",
  argNoDefault: "Left `{ref}` unpinned: `ARG {name}` has no default, so the image is chosen at build time; give it a default to let msb-opt pin it.",
  argComplex: "Left `{ref}` unpinned: msb-opt pins only a FROM built from one global ARG with one default (`{name}`); pin it by hand.",
  argUsedInStage: "Left `{ref}` unpinned: a stage redeclares `ARG {name}` and would see a changed default; pin it by hand.",
  argConflict: "Left `ARG {name}` unchanged: its FROM lines would need different defaults (`{a}`, `{b}`); pin them by hand.",
  notSpliced: "Left `{ref}` unpinned: msb-opt could not find its text on the line to replace it alone; pin it by hand.",
  inconsistent: "Left `{ref}` unpinned: it resolves to `{tag}` but `{other}` resolves to `{otherTag}`, another release; pin both in msb-opt.lock.json.",
} as const;

type MessageId = keyof typeof messages;

export default definePass<MessageId, Prepared>({
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
  async prepare(df, ctx) {
    const policy = ctx.options.pin ?? "tag";
    const results = new Map<string, Pin | PinFailure | null>();
    if (policy === "none") return results;
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
    if (typeof configPath === "string" && !ctx.options.offline) {
      try {
        auths = parseDockerConfig(readFileSync(configPath, "utf8"));
      } catch (err) {
        configError = `cannot read --registry-config ${configPath} (${(err as Error).message})`;
      }
    }
    const client = new RegistryClient({
      mirror: typeof ctx.options.registryMirror === "string" ? ctx.options.registryMirror : undefined,
      auths,
      timeoutMs: typeof ctx.options.registryTimeoutMs === "number" ? ctx.options.registryTimeoutMs : undefined,
    });
    const offline = ctx.options.offline ?? false;
    const resolver = new PinResolver({ policy, offline, lockfile, client, registryError: configError ?? undefined });
    for (const t of findTargets(df)) {
      if (t.kind !== "from" && t.kind !== "arg") continue;
      const key = refKey(t.ref);
      if (results.has(key)) continue;
      results.set(key, await resolver.resolve(t.ref));
    }
    return results;
  },
  run(df, ctx, prepared) {
    if ((ctx.options.pin ?? "tag") === "none") return df;
    const pins: { t: Target; pin: Pin }[] = [];
    for (const t of findTargets(df)) {
      if (t.kind === "skip") continue;
      const stage = df.stages[t.stage];
      if (t.kind === "refuse") {
        ctx.decline(stage.from.line, t.reason, { ref: stage.base.raw, name: t.name });
        continue;
      }
      const result = prepared.get(refKey(t.ref)) ?? null;
      if (isFailure(result)) ctx.decline(lineOf(df, t), failureMessage(result), { ref: t.ref.raw, detail: result.detail, date: CATALOG_DATE });
      else if (result !== null) pins.push({ t, pin: result });
    }
    const consistent = dropInconsistent(df, pins, ctx);

    let out: Dockerfile = df;
    const argValues = new Map<number, { value: string; from: string; t: Target & { kind: "arg" }; pin: Pin }>();
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
        if (!pinnedRef.startsWith(t.prefix) || !pinnedRef.endsWith(t.suffix)) continue;
        const value = pinnedRef.slice(t.prefix.length, pinnedRef.length - t.suffix.length);
        const seen = argValues.get(t.arg);
        if (seen && seen.value !== value) {
          ctx.decline(df.globalArgs[t.arg].line, "argConflict", { name: t.name, a: seen.value, b: value });
          seen.value = "";
        } else if (!seen) {
          argValues.set(t.arg, { value, from: t.ref.raw, t, pin });
        }
      }
    }
    for (const [index, { value, t, pin }] of argValues) {
      const old = df.globalArgs[index];
      const oldValue = t.ref.raw.slice(t.prefix.length, t.ref.raw.length - t.suffix.length);
      if (value === "" || value === oldValue) continue;
      const arg = spliceArgDefault(old, t.name, value);
      if (arg === null) {
        ctx.decline(old.line, "notSpliced", { ref: `ARG ${t.name}` });
        continue;
      }
      out = { ...out, globalArgs: out.globalArgs.map((a, i) => (i === index ? arg : a)) };
      ctx.report(old.line, "pinnedArg", { name: t.name, from: oldValue, to: value, image: `${withoutTag(t.ref)}:${pin.tag}`, source: sourceText(pin) });
    }
    return out;
  },
});

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
      if (withoutTag(a.t.ref) !== withoutTag(b.t.ref) || releaseLine(a.t.ref) !== releaseLine(b.t.ref)) continue;
      const [va, vb] = [parseVersionTag(a.pin.tag), parseVersionTag(b.pin.tag)];
      if (!va || !vb || va.variant === vb.variant || va.parts.join(".") === vb.parts.join(".")) continue;
      for (const [x, y] of [[a, b], [b, a]]) {
        ctx.decline(lineOf(df, x.t), "inconsistent", { ref: x.t.ref.raw, tag: x.pin.tag, other: y.t.ref.raw, otherTag: y.pin.tag });
      }
      bad.add(i).add(j);
    }
  }
  return pins.filter((_, i) => !bad.has(i));
}

/** `22-slim` and `22` are on release line `22`; `latest`, `slim` and `lts-slim` on `latest`/`lts`. */
function releaseLine(ref: ImageRef): string {
  const tag = ref.tag ?? "latest";
  const v = parseVersionTag(tag);
  if (v) return v.parts.join(".");
  const first = tag.split("-")[0].toLowerCase();
  return ["lts", "current", "stable", "mainline"].includes(first) ? first : "latest";
}
