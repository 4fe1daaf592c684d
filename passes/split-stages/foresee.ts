// A floating Python tag (`python:3`, `python:latest`) names no Python version, so where pip installed is
// unknown and the split declines. pin-tags, later in the same run, pins that tag to a release (`python:3.14.7`),
// and a second run would then split: the output was no fixed point. Asked first, pin-tags tells the release it
// will write; the split plans on it and writes the runtime on that release (`python:3.14.7-slim`), so the pinned
// build stage and the runtime name one Python.
import type { Dockerfile, ImageRef } from "../../src/core/ir.js";
import { parseImageRef } from "../../src/core/image-ref.js";
import type { PassContext } from "../../src/core/pass.js";
import { isOfficial } from "./recipes/types.js";

/** `X.Y` as the tag's start names it (`3.12`, `3.12.4-slim`); null for `3`, `latest`, `slim`. */
export function tagPythonVersion(tag: string | null): string | null {
  return /^(\d+\.\d+)(?:[.-]|$)/.exec(tag ?? "latest")?.[1] ?? null;
}

/**
 * The reference the image stage's base will have once pin-tags pinned it, when the split needs it: an official
 * Python image written literally, with no digest and no Python version in its tag, that pin-tags pins to a tag
 * that has one. Null otherwise (pin-tags not run, turned off for that FROM, or no pin found).
 */
export async function foreseenBase(df: Dockerfile, ctx: Pick<PassContext, "foreseePin">): Promise<ImageRef | null> {
  const stage = df.stages.at(-1);
  if (!stage || stage.base.raw.includes("$")) return null;
  const base = parseImageRef(stage.base.raw);
  // An Alpine tag is slim already: the split declines whatever its version.
  if (!isOfficial(base, "python") || base.digest !== null || tagPythonVersion(base.tag) !== null || /alpine/.test(base.tag ?? ""))
    return null;
  const tag = await ctx.foreseePin(base, stage.from);
  if (tag === null || tagPythonVersion(tag) === null) return null;
  const name = base.tag === null ? base.raw : base.raw.slice(0, base.raw.length - base.tag.length - 1);
  return parseImageRef(`${name}:${tag}`);
}
