// Which base image references pin-tags may pin, and how to splice a new reference into the text without
// touching anything else on the line. Pure: no I/O.
import { parseImageRef } from "./image-ref.js";
import { stageIndex, type Dockerfile, type ImageRef, type Instruction, type Stage } from "./ir.js";

/** A reference on a FROM line, written out (`node:20-slim`). */
export interface FromTarget {
  readonly kind: "from";
  readonly stage: number;
  /** The reference with build arguments expanded from their defaults. */
  readonly ref: ImageRef;
}

/** A FROM built from one global ARG whose default holds (part of) the reference. */
export interface ArgTarget {
  readonly kind: "arg";
  readonly stage: number;
  readonly ref: ImageRef;
  /** Index in df.globalArgs of the ARG that declares the variable. */
  readonly arg: number;
  readonly name: string;
  /** The FROM reference is `prefix + ${name} + suffix`. */
  readonly prefix: string;
  readonly suffix: string;
}

export type Skip =
  | { readonly kind: "skip" }
  | {
      readonly kind: "refuse";
      readonly stage: number;
      readonly reason: "argNoDefault" | "argComplex" | "argUsedInStage";
      readonly name: string;
    };

export type Target = FromTarget | ArgTarget;

/** The reference without tag or digest, as written: the part a pin keeps. */
export function repository(ref: ImageRef): string {
  return ref.registry ? `${ref.registry}/${ref.name}` : ref.name;
}

/** `registry/name[:tag]` as written, the lockfile key of a reference. */
export function refKey(ref: ImageRef): string {
  let raw = ref.raw;
  const at = raw.indexOf("@");
  if (at >= 0) raw = raw.slice(0, at);
  return raw;
}

/** What to do with each stage's base image. */
export function findTargets(df: Dockerfile): (Target | Skip)[] {
  return df.stages.map((stage, i) => target(df, stage, i));
}

function target(df: Dockerfile, stage: Stage, i: number): Target | Skip {
  const { base } = stage;
  if (base.raw.toLowerCase() === "scratch" || base.digest !== null || stageIndex(df, base.raw, i) >= 0) return { kind: "skip" };
  if (!base.raw.includes("$")) return { kind: "from", stage: i, ref: base };
  const m = /^([^$]*)\$(?:\{(\w+)\}|(\w+))([^$]*)$/.exec(base.raw);
  const name = m ? (m[2] ?? m[3]) : (/\$\{?(\w+)/.exec(base.raw)?.[1] ?? "");
  if (!m || (m[3] !== undefined && /^\w/.test(m[4]))) return { kind: "refuse", stage: i, reason: "argComplex", name };
  const decls = df.globalArgs.flatMap((a, index) =>
    argDefaults(a)
      .filter((d) => d.name === name)
      .map((d) => ({ ...d, index })),
  );
  if (decls.length === 0 || decls.at(-1)!.value === null) return { kind: "refuse", stage: i, reason: "argNoDefault", name };
  if (decls.length > 1) return { kind: "refuse", stage: i, reason: "argComplex", name };
  // A stage that redeclares the ARG sees its default: changing it would change what that stage runs.
  if (df.stages.some((s) => s.body.some((ins) => ins.keyword === "ARG" && argDefaults(ins).some((d) => d.name === name)))) {
    return { kind: "refuse", stage: i, reason: "argUsedInStage", name };
  }
  const ref = parseImageRef(m[1] + decls[0].value + m[4]);
  if (ref.digest !== null || ref.raw.includes("$")) return { kind: "skip" };
  return { kind: "arg", stage: i, ref, arg: decls[0].index, name, prefix: m[1], suffix: m[4] };
}

/** `ARG A=1 B "C=x"`: each name with its default (unquoted), or null for none. */
export function argDefaults(arg: Instruction): { name: string; value: string | null }[] {
  return arg.args
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      const eq = word.indexOf("=");
      if (eq < 0) return { name: word, value: null };
      return { name: word.slice(0, eq), value: word.slice(eq + 1).replace(/^(["'])(.*)\1$/, "$2") };
    });
}

/** The FROM with its image reference replaced, keeping every other byte of the line. Null if not found. */
export function spliceFrom(from: Instruction, oldRef: string, newRef: string): Instruction | null {
  const args = replaceFirstWord(from.args, oldRef, newRef);
  if (args === null) return null;
  if (from.raw === null) return { ...from, args };
  const words = [...from.raw.matchAll(/\S+/g)];
  // Skip the keyword, flags and line continuations (a lone escape character).
  const image = words.slice(1).find((w) => !w[0].startsWith("--") && w[0] !== "\\" && w[0] !== "`");
  if (!image || image[0] !== oldRef) return null;
  const raw = from.raw.slice(0, image.index) + newRef + from.raw.slice(image.index! + oldRef.length);
  return { ...from, raw, args };
}

function replaceFirstWord(text: string, oldWord: string, newWord: string): string | null {
  const m = /^(\s*)(\S+)/.exec(text);
  if (!m || m[2] !== oldWord) return null;
  return m[1] + newWord + text.slice(m[0].length);
}

/** The ARG with one variable's default replaced (quotes kept), every other byte kept. Null if not found. */
export function spliceArgDefault(arg: Instruction, name: string, value: string): Instruction | null {
  const pattern = new RegExp(`(^|\\s)(${name}=)(["']?)([^\\s"']*)\\3(?=\\s|$)`);
  const swap = (text: string) => (pattern.test(text) ? text.replace(pattern, (_, pre, key, q) => `${pre}${key}${q}${value}${q}`) : null);
  const args = swap(arg.args);
  if (args === null) return null;
  if (arg.raw === null) return { ...arg, args };
  const raw = swap(arg.raw);
  return raw === null ? null : { ...arg, raw, args };
}

/** The stage with a new FROM, its base re-parsed from the new reference. */
export function withFrom(stage: Stage, from: Instruction, newRef: string): Stage {
  return { ...stage, from, base: parseImageRef(newRef) };
}
