// Which Dockerfile syntax the inner frontend accepts, so that msb-opt never emits what it cannot parse.
// The built-in dockerfile.v0 is as old as the engine, and the engine's age shows in its LLB caps: each
// BuildKit release shipped with the Dockerfile frontend released the same day (v0.8 ↔ 1.2, v0.10 ↔ 1.4,
// v0.13 ↔ 1.7). With `inner=docker/dockerfile:X` the dialect is X's.
import type { Caps } from "./bridge.js";

export interface Dialect {
  /** The `docker/dockerfile:1.N` syntax the inner frontend accepts. */
  readonly minor: number;
  readonly labs: boolean;
  /** Why, for the logs and the tests. */
  readonly reason: string;
}

const BY_CAP: readonly { cap: string; minor: number; since: string }[] = [
  { cap: "exporter.multiple", minor: 7, since: "BuildKit 0.13" },
  { cap: "mergeop", minor: 4, since: "BuildKit 0.10" },
];

export function dialectOf(caps: Caps, inner?: string): Dialect {
  if (inner) {
    const m = /^(?:docker\.io\/)?docker\/dockerfile(?:-upstream)?:(1(?:\.(\d+))?(?:\.\d+)?)(-labs)?(?:@\S+)?$/.exec(inner);
    if (m) return { minor: m[2] === undefined ? 99 : Number(m[2]), labs: Boolean(m[3]), reason: `inner frontend ${inner}` };
    // Another image: we cannot know what it accepts, so stay with what every supported engine parses.
    return { minor: 2, labs: false, reason: `inner frontend ${inner} (unknown dialect: assuming 1.2)` };
  }
  for (const { cap, minor, since } of BY_CAP) {
    if (caps.llb.has(cap)) return { minor, labs: false, reason: `built-in frontend of ${since}+ (LLB cap ${cap})` };
  }
  return { minor: 2, labs: false, reason: "built-in frontend of BuildKit 0.8 (Docker 20.10)" };
}

/** The syntax directive value that makes the core's construct gate follow this dialect. */
export function dialectDirective(d: Dialect): string {
  return `docker/dockerfile:1.${d.minor}${d.labs ? "-labs" : ""}`;
}

/** The gateway caps msb-opt cannot work without, and what to upgrade to when they are missing. */
export const REQUIRED_CAPS = ["solve.base", "readfile", "return", "proto.refarray", "frontend.inputs"] as const;

export function missingCaps(caps: Caps): string[] {
  return REQUIRED_CAPS.filter((c) => !caps.frontend.has(c));
}
