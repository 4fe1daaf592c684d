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
