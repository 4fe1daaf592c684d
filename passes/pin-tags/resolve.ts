// Where a pin comes from, in order: msb-opt.lock.json (reviewed, reproducible), then either the registry
// (the truth today) or, with --offline, the bundled catalog (the truth on its date). A registry that cannot
// be reached is reported, never silently replaced by the catalog: the user chooses --offline.
import { CATALOG_DATE, catalogGroup, catalogHasImage, catalogPin } from "../../src/core/image-catalog.js";
import { isFullVersion, namedTagVariant, parseVersionTag, pinCandidates, type VersionTag } from "../../src/core/image-tags.js";
import type { ImageRef } from "../../src/core/ir.js";
import type { Lockfile } from "./lockfile.js";
import { refKey } from "../../src/core/from-refs.js";
import { type RegistryClient, RegistryError, type RegistryErrorKind } from "./registry.js";

export type PinPolicy = "tag" | "digest";

export type PinSource =
  | { readonly kind: "lockfile" }
  | { readonly kind: "registry"; readonly host: string }
  | { readonly kind: "catalog"; readonly date: string };

export interface Pin {
  readonly tag: string;
  readonly digest: string | null;
  readonly source: PinSource;
  /** Why there is no digest under --pin=digest. */
  readonly noDigest?: "catalog" | "lockfile";
}

export interface PinFailure {
  readonly failure: RegistryErrorKind | "not-in-catalog" | "stale-catalog" | "no-release" | "lockfile";
  readonly detail: string;
  /** stale-catalog: the catalog's age in days, and a release-line tag of the same variant to suggest. */
  readonly age?: number;
  readonly example?: string;
}

/**
 * Past this age the bundled catalog pins only tags that already name one release line (`node:20`,
 * `python:3.12`, `debian:12`): within a line a stale pin is an older patch of the same release. Every other
 * tag floats and stays as it is (see `namesReleaseLine`): it could name another release line today.
 */
export const MAX_CATALOG_AGE_DAYS = 60;

/** Whole days from the catalog's date to `today` (YYYY-MM-DD). */
export function catalogAgeDays(today: string): number {
  return Math.floor((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${CATALOG_DATE}T00:00:00Z`)) / 86_400_000);
}

/**
 * Does `tag` name one release line for good? It must start with a version number (so not `latest`, `lts`,
 * `slim` or a codename like `bookworm`). And when its catalog group (the tags that named the same image)
 * holds a channel that moves on to the next line — `latest`, `lts`, `current`, `stable`, `mainline`,
 * `rolling`, alone or with a variant (`lts-slim`), or the bare variant (`slim`, which is `latest-slim`) —
 * it must not be the group's shortest version: `python:3` (the image of `latest`) and `node:24` (today's
 * `lts`) float; `python:3.13`, `node:24.19`, `node:20`, `python:3.12` and `debian:12` do not.
 */
export function namesReleaseLine(group: readonly string[], tag: string): boolean {
  const v = parseVersionTag(tag);
  if (!v) return false;
  const channel = group.some((t) => CHANNEL.test(t) || (v.variant !== "" && t === v.variant));
  return !channel || sameVariant(group, v.variant).some((o) => o.parts.length < v.parts.length);
}

/** A release line to suggest instead of a floating tag: the group's shortest version that does not float. */
export function releaseLineOf(group: readonly string[], tag: string): string | undefined {
  const v = parseVersionTag(tag);
  const variant = v ? v.variant : namedTagVariant(tag);
  const versions = sameVariant(group, variant).length > 0 ? sameVariant(group, variant) : sameVariant(group, null);
  return versions.sort((a, b) => a.parts.length - b.parts.length).find((o) => namesReleaseLine(group, o.tag))?.tag;
}

function sameVariant(group: readonly string[], variant: string | null): VersionTag[] {
  return group.flatMap((t) => parseVersionTag(t) ?? []).filter((o) => variant === null || o.variant === variant);
}

const CHANNEL = /^(latest|lts|current|stable|mainline|rolling)(-|$)/;

/** HEAD requests spent looking for the release tag that shares a floating tag's digest. */
const MAX_PROBES = 20;

export interface ResolverOptions {
  readonly policy: PinPolicy;
  readonly offline: boolean;
  readonly lockfile: Lockfile | { readonly error: string };
  readonly client: RegistryClient;
  /** Set when the registry must not be asked (an unreadable --registry-config): every lookup fails with it. */
  readonly registryError?: string;
  /** The bundled catalog's age in days (null: unknown, trusted as fresh). */
  readonly catalogAge?: number | null;
}

export class PinResolver {
  private readonly failedHosts = new Map<string, RegistryError>();
  private readonly cache = new Map<string, Promise<Pin | PinFailure | null>>();
  constructor(private readonly options: ResolverOptions) {}

  /** The pin for a reference; null when it is already as pinned as the policy asks. */
  resolve(ref: ImageRef): Promise<Pin | PinFailure | null> {
    const key = refKey(ref);
    let result = this.cache.get(key);
    if (!result) this.cache.set(key, (result = this.lookup(ref)));
    return result;
  }

  private async lookup(ref: ImageRef): Promise<Pin | PinFailure | null> {
    const { policy, offline, lockfile } = this.options;
    const tag = ref.tag ?? "latest";
    if (policy === "tag" && isFullVersion(tag)) return null;
    if ("error" in lockfile) return { failure: "lockfile", detail: lockfile.error as string };
    const locked = (lockfile as Lockfile).get(refKey(ref));
    if (locked) {
      const noDigest = policy === "digest" && !locked.digest ? ("lockfile" as const) : undefined;
      return { tag: locked.tag, digest: policy === "digest" ? (locked.digest ?? null) : null, source: { kind: "lockfile" }, noDigest };
    }
    if (offline) {
      const pin = catalogPin(ref.registry, ref.name, tag);
      if (!pin) {
        const what = catalogHasImage(ref.registry, ref.name) ? `tag \`${tag}\`` : "image";
        return { failure: "not-in-catalog", detail: `the bundled catalog has no such ${what}` };
      }
      const age = this.options.catalogAge ?? 0;
      const group = catalogGroup(ref.registry, ref.name, tag);
      if (age > MAX_CATALOG_AGE_DAYS && !namesReleaseLine(group, tag)) {
        return { failure: "stale-catalog", detail: `the catalog is ${age} days old`, age, example: releaseLineOf(group, tag) ?? pin.tag };
      }
      return {
        tag: pin.tag,
        digest: null,
        source: { kind: "catalog", date: pin.date },
        noDigest: policy === "digest" ? "catalog" : undefined,
      };
    }
    return this.fromRegistry(ref, tag);
  }

  private async fromRegistry(ref: ImageRef, tag: string): Promise<Pin | PinFailure> {
    const { client, policy, registryError } = this.options;
    if (registryError) return { failure: "auth", detail: registryError };
    const host = new URL(client.endpoint(ref.registry, ref.name).base).host;
    const known = this.failedHosts.get(host);
    if (known) return { failure: known.kind, detail: known.message };
    try {
      const tags = await client.listTags(ref.registry, ref.name);
      if (!tags.includes(tag)) return { failure: "not-found", detail: `${host} has no tag \`${tag}\` for \`${ref.name}\`` };
      const candidates = pinCandidates(tag, tags);
      const digest = await client.digest(ref.registry, ref.name, tag);
      const source = { kind: "registry", host } as const;
      if (candidates.length === 0) return { tag, digest: policy === "digest" ? digest : null, source };
      for (const candidate of candidates.slice(0, MAX_PROBES)) {
        if ((await client.digest(ref.registry, ref.name, candidate)) === digest) {
          return { tag: candidate, digest: policy === "digest" ? digest : null, source };
        }
      }
      return {
        failure: "no-release",
        detail: `no release tag on ${host} has the digest of \`${tag}\` (${Math.min(MAX_PROBES, candidates.length)} checked)`,
      };
    } catch (err) {
      if (!(err instanceof RegistryError)) throw err;
      if (err.kind === "unreachable" || err.kind === "auth") this.failedHosts.set(host, err);
      return { failure: err.kind, detail: err.message };
    }
  }
}

export function isFailure(result: Pin | PinFailure | null): result is PinFailure {
  return result !== null && "failure" in result;
}
