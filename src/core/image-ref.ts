import type { ImageRef } from "./ir.js";

/**
 * Split an image reference the way the Docker reference grammar does:
 * `[registry/]path[:tag][@digest]`, where the first path component is a registry only when it has a
 * `.` or `:` or is `localhost`. References with unexpanded variables are split on the same rules.
 */
export function parseImageRef(raw: string): ImageRef {
  let rest = raw;
  let digest: string | null = null;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | null = null;
  const slash = rest.indexOf("/");
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes(".") || first.includes(":") || first === "localhost") {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(":");
  // A colon inside `${VAR:-default}` is not a tag separator.
  if (colon >= 0 && !rest.slice(colon).includes("}")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const name = rest.startsWith("library/") && (registry === null || registry === "docker.io") ? rest.slice(8) : rest;
  return { raw, registry, name, tag, digest };
}

/** Print a reference from its parts (the inverse of parseImageRef for normalised input). */
export function formatImageRef(ref: Omit<ImageRef, "raw">): string {
  let text = ref.registry ? `${ref.registry}/${ref.name}` : ref.name;
  if (ref.tag) text += `:${ref.tag}`;
  if (ref.digest) text += `@${ref.digest}`;
  return text;
}

/** The reference uses build arguments (`${NODE_VERSION}`), so its value is known only at build time. */
export function usesVariables(ref: ImageRef | string): boolean {
  return /\$/.test(typeof ref === "string" ? ref : ref.raw);
}

/** Docker Hub's hosts: `docker.io/library/node` and `index.docker.io/node` are the official `node` image. */
const HUB_HOSTS = new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);

/**
 * The official images' per-architecture repositories on Docker Hub that msb-opt takes for the official image
 * (docker-library/official-images, "Architectures other than amd64?"): `arm64v8/node` is `node` built for arm64.
 * Every official image a recipe names (node, python, golang, eclipse-temurin, debian, nginx, …) publishes both.
 */
export const ARCH_REPOSITORIES: readonly string[] = ["amd64", "arm64v8"];

/**
 * Where else the official images are served under their own tags: Amazon ECR Public's Docker Official Images
 * (`public.ecr.aws/docker/library/node`) and Google's Docker Hub mirror (`mirror.gcr.io/library/node`).
 */
const MIRRORS: Readonly<Record<string, string>> = { "public.ecr.aws": "docker/library/", "mirror.gcr.io": "library/" };

/** One official image written another way: its Docker Hub name and, when per-architecture, the architecture. */
export interface OfficialName {
  /** The image's name on Docker Hub's library (`node`). */
  readonly name: string;
  /** The per-architecture repository (`arm64v8`), or null for the multi-architecture image. */
  readonly arch: string | null;
}

/**
 * The official Docker Hub image that a registry and repository path name, or null: `node`, `library/node`,
 * `docker.io/library/node`, `arm64v8/node`, `public.ecr.aws/docker/library/node` and `mirror.gcr.io/library/node`
 * are all `node`.
 */
export function officialName(registry: string | null, name: string): OfficialName | null {
  const host = registry?.toLowerCase() ?? null;
  if (host === null || HUB_HOSTS.has(host)) {
    const bare = name.startsWith("library/") ? name.slice(8) : name;
    if (!bare.includes("/")) return bare ? { name: bare, arch: null } : null;
    const [arch, rest, ...more] = bare.split("/");
    return more.length === 0 && ARCH_REPOSITORIES.includes(arch) && rest ? { name: rest, arch } : null;
  }
  const path = host in MIRRORS ? MIRRORS[host] : null;
  if (path === null || !name.startsWith(path)) return null;
  const bare = name.slice(path.length);
  return bare && !bare.includes("/") ? { name: bare, arch: null } : null;
}

/**
 * An official image written another way, with the text before its name as written (`public.ecr.aws/docker/library/`,
 * `arm64v8/`, `docker.io/library/`, or nothing), so an image the split names beside it is written the same way.
 */
export function officialImage(ref: ImageRef): (OfficialName & { readonly prefix: string }) | null {
  const official = officialName(ref.registry, ref.name);
  if (official === null) return null;
  const at = ref.raw.indexOf("@");
  const repo = at >= 0 ? ref.raw.slice(0, at) : ref.raw;
  const end = ref.tag === null ? repo.length : repo.length - ref.tag.length - 1;
  const written = repo.slice(0, end);
  if (!written.endsWith(official.name)) return null;
  return { ...official, prefix: written.slice(0, written.length - official.name.length) };
}
