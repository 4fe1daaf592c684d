// Stages whose base images are one toolchain release in different variants (`node:20.18.1` and
// `node:20.18.1-slim`): the version part of their tags, and the build argument that can name it once.
import { parseVersionTag } from "../../src/core/image-tags.js";
import { stageIndex, type Dockerfile, type ImageRef } from "../../src/core/ir.js";

export interface ToolchainUse {
  readonly stage: number;
  /** The tag's variant after the version (`slim`, `jre`, "" for none). */
  readonly variant: string;
}

export interface Toolchain {
  /** Registry and repository as written (`node`, `ghcr.io/acme/node`). */
  readonly repository: string;
  /** Each stage with the version its tag names, as written (`20.18.1`, `21.0.8_9`). */
  readonly uses: readonly (ToolchainUse & { readonly version: string })[];
}

/** Build-argument names for the common toolchains; others are derived from the repository name. */
const ARG_NAMES: Readonly<Record<string, string>> = {
  golang: "GO_VERSION",
  "eclipse-temurin": "JAVA_VERSION",
  openjdk: "JAVA_VERSION",
  amazoncorretto: "JAVA_VERSION",
};

/** The repository part of a reference as written: everything before the tag. */
export function repositoryOf(ref: ImageRef): string {
  return ref.registry ? `${ref.registry}/${ref.name}` : ref.name;
}

/** `node` → `NODE_VERSION`, `golang` → `GO_VERSION`, `acme/my-sdk` → `MY_SDK_VERSION`. */
export function versionArgName(repository: string): string {
  const last = repository.slice(repository.lastIndexOf("/") + 1).toLowerCase();
  return ARG_NAMES[last] ?? `${last.replace(/[^a-z0-9]+/g, "_").toUpperCase()}_VERSION`;
}

/** The version part of a release tag (`20.18.1-slim` → `20.18.1`), or null for a named or odd tag. */
export function tagVersion(tag: string | null): { version: string; variant: string } | null {
  if (tag === null) return null;
  const v = parseVersionTag(tag);
  if (!v) return null;
  const version = v.variant === "" ? tag : tag.slice(0, tag.length - v.variant.length - 1);
  return { version, variant: v.variant };
}

/**
 * The repositories that two or more stages start from with a release tag (stage references, `scratch`,
 * digests and named tags are left out), each with the version every stage asks for.
 */
export function toolchains(df: Dockerfile): Toolchain[] {
  const byRepo = new Map<string, (ToolchainUse & { version: string })[]>();
  df.stages.forEach((stage, i) => {
    const base = stage.base;
    if (base.raw.toLowerCase() === "scratch" || base.digest !== null || stageIndex(df, base.raw, i) >= 0) return;
    const tv = tagVersion(base.tag);
    if (!tv) return;
    const repo = repositoryOf(base);
    byRepo.set(repo, [...(byRepo.get(repo) ?? []), { stage: i, ...tv }]);
  });
  return [...byRepo].filter(([, uses]) => uses.length > 1).map(([repository, uses]) => ({ repository, uses }));
}
