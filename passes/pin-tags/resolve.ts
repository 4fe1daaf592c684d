// Where a pin comes from, in order: msb-opt.lock.json (reviewed, reproducible), then either the registry
// (the truth today) or, with --offline, the bundled catalog (the truth on its date). A registry that cannot
// be reached is reported, never silently replaced by the catalog: the user chooses --offline.
import { catalogHasImage, catalogPin } from "../../src/core/image-catalog.js";
import { isFullVersion, pinCandidates } from "../../src/core/image-tags.js";
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
  readonly failure: RegistryErrorKind | "not-in-catalog" | "no-release" | "lockfile";
  readonly detail: string;
}

/** HEAD requests spent looking for the release tag that shares a floating tag's digest. */
const MAX_PROBES = 20;

export interface ResolverOptions {
  readonly policy: PinPolicy;
  readonly offline: boolean;
  readonly lockfile: Lockfile | { readonly error: string };
  readonly client: RegistryClient;
  /** Set when the registry must not be asked (an unreadable --registry-config): every lookup fails with it. */
  readonly registryError?: string;
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
