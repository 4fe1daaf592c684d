// Which Dockerfile syntax (frontend version) each construct needs, and the `# syntax=` directive that
// makes BuildKit accept the output. Versions come from the Dockerfile frontend release notes.
import { allInstructions, type Dockerfile, type Instruction } from "./ir.js";

/** A Dockerfile syntax version 1.minor; `labs` constructs need a `-labs` frontend. */
export interface SyntaxVersion {
  readonly minor: number;
  readonly labs: boolean;
}

export type SyntaxDirectiveMode = "auto" | "never";

const LATEST = Number.POSITIVE_INFINITY;
/**
 * What we assume a builder accepts when the file names no frontend and we may not add one: Docker
 * Engine 20.10's built-in frontend, the oldest BuildKit in common use, accepts RUN --mount and COPY --chmod.
 */
export const BUILTIN_BASELINE: SyntaxVersion = { minor: 2, labs: false };

export interface Construct {
  readonly id: string;
  readonly minor: number;
  readonly labs?: boolean;
}

/** What the pipeline says when it raises the syntax directive, by id. */
export const SYNTAX_MESSAGES = {
  raised: "Set the syntax directive to `{value}` so that BuildKit accepts the new constructs (`{construct}`).",
} as const;

export const CONSTRUCTS = {
  runMount: { id: "RUN --mount", minor: 2 },
  copyChmod: { id: "COPY --chmod", minor: 2 },
  runNetwork: { id: "RUN --network", minor: 3 },
  heredoc: { id: "heredocs", minor: 4 },
  copyLink: { id: "COPY --link", minor: 4 },
  addChecksum: { id: "ADD --checksum", minor: 6 },
  addKeepGitDir: { id: "ADD --keep-git-dir", minor: 6 },
  healthcheckStartInterval: { id: "HEALTHCHECK --start-interval", minor: 6 },
  secretEnv: { id: "RUN --mount=type=secret,env=", minor: 10 },
  chmodSymbolic: { id: "COPY --chmod with a non-octal mode", minor: 14 },
  addUnpack: { id: "ADD --unpack", minor: 17 },
  exclude: { id: "COPY --exclude", minor: 19 },
  copyParents: { id: "COPY --parents", minor: 20 },
  runSecurity: { id: "RUN --security", minor: 1, labs: true },
  runDevice: { id: "RUN --device", minor: 14, labs: true },
} as const satisfies Record<string, Construct>;

/** The constructs an instruction uses that need more than the original Dockerfile syntax. */
export function constructsOf(instr: Instruction): Construct[] {
  const found: Construct[] = [];
  const has = (name: string) => instr.flags.some((f) => f.name === name);
  if (instr.heredocs.length > 0) found.push(CONSTRUCTS.heredoc);
  if (instr.keyword === "RUN") {
    for (const f of instr.flags) {
      if (f.name === "mount") {
        found.push(CONSTRUCTS.runMount);
        if (/(^|,)type=secret(,|$)/.test(f.value ?? "") && /(^|,)env=/.test(f.value ?? "")) found.push(CONSTRUCTS.secretEnv);
      }
    }
    if (has("network")) found.push(CONSTRUCTS.runNetwork);
    if (has("security")) found.push(CONSTRUCTS.runSecurity);
    if (has("device")) found.push(CONSTRUCTS.runDevice);
  }
  if (instr.keyword === "COPY" || instr.keyword === "ADD") {
    const chmod = instr.flags.find((f) => f.name === "chmod");
    if (chmod) found.push(/^[0-7]+$/.test(chmod.value ?? "") ? CONSTRUCTS.copyChmod : CONSTRUCTS.chmodSymbolic);
    if (has("link")) found.push(CONSTRUCTS.copyLink);
    if (has("exclude")) found.push(CONSTRUCTS.exclude);
    if (has("parents")) found.push(CONSTRUCTS.copyParents);
    if (has("checksum")) found.push(CONSTRUCTS.addChecksum);
    if (has("keep-git-dir")) found.push(CONSTRUCTS.addKeepGitDir);
    if (has("unpack")) found.push(CONSTRUCTS.addUnpack);
  }
  if (instr.keyword === "HEALTHCHECK" && has("start-interval")) found.push(CONSTRUCTS.healthcheckStartInterval);
  return found;
}

/** The newest construct the file uses, as a version (1.0 when it uses none). */
export function requiredSyntax(df: Dockerfile): { version: SyntaxVersion; construct: Construct | null } {
  let best: Construct | null = null;
  let labs = false;
  for (const instr of allInstructions(df)) {
    for (const c of constructsOf(instr)) {
      if (!best || c.minor > best.minor) best = c;
      labs ||= c.labs === true;
    }
  }
  return { version: { minor: best?.minor ?? 0, labs }, construct: best };
}

/**
 * What the file's `# syntax=` directive asks for: a docker/dockerfile version, `custom` for any other
 * frontend (msb-opt does not know what it accepts, so it never edits that line), or null when there is none.
 */
export function declaredSyntax(df: Dockerfile): SyntaxVersion | "custom" | null {
  const directive = df.directives.find((d) => d.name.toLowerCase() === "syntax");
  if (!directive) return null;
  const m = /^(?:(?:docker\.io\/)?docker\/dockerfile(?:-upstream)?):([^@\s]+)/.exec(directive.value.trim());
  if (!m) return "custom";
  const tag = m[1];
  const labs = tag.endsWith("-labs");
  const v = /^1(?:\.(\d+))?(?:\.\d+)?(?:-labs)?$/.exec(tag);
  if (!v) return tag === "master" || tag === "labs" || tag === "latest" ? { minor: LATEST, labs } : "custom";
  return { minor: v[1] === undefined ? LATEST : Number(v[1]), labs };
}

/** Can a pass use this construct, given the input file and the directive policy? */
export function allowsConstruct(input: Dockerfile, mode: SyntaxDirectiveMode, construct: Construct): boolean {
  const declared = declaredSyntax(input);
  if (declared === "custom") return true;
  const floor = declared ?? (mode === "never" ? BUILTIN_BASELINE : null);
  if (floor === null) return !construct.labs; // auto: the printer adds the directive
  return construct.minor <= floor.minor && (!construct.labs || floor.labs);
}

/**
 * Add or raise `# syntax=docker/dockerfile:1.N` when the output needs a newer syntax than both the input
 * used and the input declares, and than Docker's built-in frontend accepts without one (a directive makes
 * every build pull a frontend image, which an offline builder cannot). Returns the output unchanged
 * otherwise, or under `never`.
 */
export function withSyntaxDirective(
  input: Dockerfile,
  output: Dockerfile,
  mode: SyntaxDirectiveMode,
): { dockerfile: Dockerfile; raisedTo: { value: string; construct: string } | null } {
  const unchanged = { dockerfile: output, raisedTo: null };
  if (mode === "never") return unchanged;
  const need = requiredSyntax(output);
  const builtin = need.version.minor <= BUILTIN_BASELINE.minor && !need.version.labs;
  if (builtin && declaredSyntax(output) === null) return unchanged;
  const had = requiredSyntax(input);
  if (need.version.minor <= had.version.minor && (!need.version.labs || had.version.labs)) return unchanged;
  const declared = declaredSyntax(output);
  if (declared === "custom") return unchanged;
  if (declared && declared.minor >= need.version.minor && (!need.version.labs || declared.labs)) return unchanged;
  const value = `docker/dockerfile:1.${need.version.minor}${need.version.labs ? "-labs" : ""}`;
  const index = output.directives.findIndex((d) => d.name.toLowerCase() === "syntax");
  const directives = output.directives.slice();
  if (index >= 0) {
    const old = directives[index];
    const prefix = /^(\S*?)docker\/dockerfile/.exec(old.value)?.[1] ?? "";
    directives[index] = { ...old, value: `${prefix}${value}`, raw: null };
  } else {
    directives.unshift({ name: "syntax", value, raw: null, eol: null });
  }
  return { dockerfile: { ...output, directives }, raisedTo: { value, construct: need.construct?.id ?? "labs constructs" } };
}
