// A floating Python tag (`python:3`, `python:latest`) names no Python version, so where pip installed is
// unknown and the split declines. pin-tags, later in the same run, pins that tag to a release (`python:3.14.7`),
// and a second run would then split: the output was no fixed point. Asked first, pin-tags tells the release it
// will write; the split plans on it and writes the runtime on that release (`python:3.14.7-slim`), so the pinned
// build stage and the runtime name one Python. Likewise a Node tag that moves between majors (`node:lts`): the
// runtime is the pinned release's slim image, never a second moving tag.
import type { Dockerfile, ImageRef } from "../../src/core/ir.js";
import { parseImageRef } from "../../src/core/image-ref.js";
import type { PassContext } from "../../src/core/pass.js";
import { isOfficial } from "./recipes/types.js";

/** `X.Y` as the tag's start names it (`3.12`, `3.12.4-slim`); null for `3`, `latest`, `slim`. */
export function tagPythonVersion(tag: string | null): string | null {
  return /^(\d+\.\d+)(?:[.-]|$)/.exec(tag ?? "latest")?.[1] ?? null;
}

/**
 * A Node tag that names no release line and moves from one major to another (`node`, `node:lts`, `node:current`,
 * `node:lts-bookworm`) on a full image: its runtime would be a second such tag (`node:lts-slim`), which a builder
 * may resolve to another major than its local `node:lts`. Slim and Alpine tags are their own runtime.
 */
export function movingNodeTag(base: ImageRef): boolean {
  return (
    isOfficial(base, "node") &&
    base.digest === null &&
    /^(latest|lts|current)(-(buster|bullseye|bookworm|trixie))?$/.test(base.tag ?? "latest")
  );
}

/**
 * The reference the image stage's base will have once pin-tags pinned it, when the split needs it: an official
 * Python image written literally, with no digest and no Python version in its tag, that pin-tags pins to a tag
 * that has one; an official Node image on a moving tag (movingNodeTag) that it pins to a release. Null otherwise
 * (pin-tags not run, turned off for that FROM, or no pin found).
 */
export async function foreseenBase(df: Dockerfile, ctx: Pick<PassContext, "foreseePin">): Promise<ImageRef | null> {
  const stage = df.stages.at(-1);
  if (!stage || stage.base.raw.includes("$")) return null;
  const base = parseImageRef(stage.base.raw);
  const node = movingNodeTag(base);
  // An Alpine tag is slim already: the split declines whatever its version.
  if (
    !node &&
    (!isOfficial(base, "python") || base.digest !== null || tagPythonVersion(base.tag) !== null || /alpine/.test(base.tag ?? ""))
  )
    return null;
  const tag = await ctx.foreseePin(base, stage.from);
  if (tag === null || (node ? !/^\d+(\.\d+)*(-|$)/.test(tag) : tagPythonVersion(tag) === null)) return null;
  const name = base.tag === null ? base.raw : base.raw.slice(0, base.raw.length - base.tag.length - 1);
  return parseImageRef(`${name}:${tag}`);
}
