// What looks like a build secret in a Dockerfile: ARG/ENV names and values, and credential files.
// Heuristics only: they decide what to report; a rewrite still checks every use before it changes anything.
import { posix } from "node:path";
import type { Instruction } from "../../src/core/ir.js";
import { joinContinuations } from "../../src/core/run-script.js";

/** Names that hold a secret: `*_TOKEN`, `*_PASSWORD`, `*_SECRET`, `*_KEY`… (not public keys or fingerprints). */
const SECRET_NAME = /(^|_)(TOKEN|PASSWORD|PASSWD|SECRET|KEY|API_?KEY|ACCESS_KEY|CREDENTIALS?|AUTH)$/i;
const NOT_SECRET = /(^|_)(PUBLIC|PUB|GPG|SIGNING_PUBLIC)_KEY$|^GPG_KEY$/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET.test(name);
}

/** `scheme://user:password@host`: a URL that carries a password (PIP_INDEX_URL, a GOPROXY, a git remote). */
const URL_CREDENTIALS = /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;

export function hasUrlCredentials(value: string): boolean {
  return URL_CREDENTIALS.test(value);
}

/** One `NAME[=value]` of an ARG or `NAME=value` of an ENV. */
export interface Variable {
  readonly name: string;
  /** The value as written (quotes kept), or null for an ARG without default. */
  readonly value: string | null;
}

/**
 * The variables an ARG or ENV declares; null when the syntax is not one we read. Continuation lines are
 * joined as BuildKit joins them (comment lines inside dropped, blanks after the escape allowed).
 */
export function declaredVariables(instr: Instruction, escape: "\\" | "`" = "\\"): Variable[] | null {
  const text = joinContinuations(instr.args, escape);
  const legacy = /^([A-Za-z_]\w*)\s+(\S.*)$/s.exec(text); // legacy `ENV NAME value with spaces`
  if (instr.keyword === "ENV" && legacy && !/^[A-Za-z_]\w*=/.test(text)) return [{ name: legacy[1], value: legacy[2] }];
  const words = text.match(/(?:[^\s"']+|"(?:[^"\\]|\\.)*"|'[^']*')+/g);
  if (!words) return null;
  const vars: Variable[] = [];
  for (const w of words) {
    const m = /^([A-Za-z_]\w*)(?:=(.*))?$/s.exec(w);
    if (!m) return null;
    if (m[2] === undefined && instr.keyword === "ENV") return null;
    vars.push({ name: m[1], value: m[2] ?? null });
  }
  return vars;
}

/** Does the text expand `$NAME` or `${NAME…}`? */
export function references(text: string, name: string): boolean {
  return new RegExp(`\\$(\\{${name}\\b|${name}(?!\\w))`).test(text);
}

/** Credential files that tools read from a fixed place, keyed by their file name. */
const CREDENTIAL_FILES: Readonly<Record<string, string>> = {
  ".npmrc": "npmrc",
  ".netrc": "netrc",
  "pip.conf": "pip_conf",
  ".pypirc": "pypirc",
  ".git-credentials": "git_credentials",
  "settings.xml": "maven_settings",
};

/** The secret id for a credential file path, or null when the file is not one. */
export function credentialFileId(path: string): string | null {
  const base = posix.basename(path);
  if (base === "settings.xml" && !/(^|\/)\.m2\/settings\.xml$/.test(path) && path !== "settings.xml") return null;
  return CREDENTIAL_FILES[base] ?? null;
}

/** The absolute path a relative path names under WORKDIR `dir`. */
export function resolvePath(dir: string, path: string): string {
  return posix.resolve(dir, path.replace(/^~(?=\/)/, "/root"));
}

/**
 * The path a trailing `&& rm [-f] PATH` of a RUN deletes, and the RUN's arguments without it; null when
 * the RUN does not end that way. With `alone`, the whole RUN is that `rm` (args then "").
 */
export function trailingRemoval(args: string): { path: string; rest: string } | null {
  const alone = /^rm(?:[ \t]+-[a-zA-Z]+)*[ \t]+([^\s;&|$`*?]+)[ \t]*$/.exec(args.trim());
  if (alone) return { path: alone[1], rest: "" };
  const m = /[ \t]*(?:\\\r?\n[ \t]*)?&&[ \t]*(?:\\\r?\n[ \t]*)?rm(?:[ \t]+-[a-zA-Z]+)*[ \t]+([^\s;&|$`*?]+)[ \t]*$/.exec(args);
  return m ? { path: m[1], rest: args.slice(0, m.index) } : null;
}

/** Paths a RUN writes with a redirect (`> ~/.npmrc`, `>> /root/.netrc`) or `tee`. */
export function writtenPaths(script: string): string[] {
  const found: string[] = [];
  for (const m of script.matchAll(/(?:>>?|\btee(?:\s+-a)?)\s*([^\s;&|<>()]+)/g)) found.push(m[1].replace(/^["']|["']$/g, ""));
  return found;
}

/** Paths a RUN removes with `rm`. */
export function removedPaths(script: string): string[] {
  const found: string[] = [];
  for (const m of script.matchAll(/\brm((?:\s+-[a-zA-Z]+)*)((?:\s+[^\s;&|-][^\s;&|]*)+)/g)) found.push(...m[2].trim().split(/\s+/));
  return found;
}
