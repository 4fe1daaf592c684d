// The image contract, judged by what each Dockerfile controls: a config field (or variable, or label) counts
// when the Dockerfile set or changed it relative to its own base image's config. What differs only because
// the base images differ is information, or intended when a pass declared that the runtime has another base.
import type { ImageConfig } from "./docker.js";
import { listSome, type Reason, reason } from "./messages.js";

export interface ContractSide {
  readonly config: ImageConfig;
  /** The base image's config; null when unknown (then every field counts as set by the Dockerfile). */
  readonly base: ImageConfig | null;
}

export interface ContractOptions {
  readonly harden?: boolean;
  readonly ignoreEnv?: readonly string[];
  readonly ignoreLabelPrefixes?: readonly string[];
  /** A pass declared a runtime base image: `{build, runtime}`. */
  readonly runtimeBase?: { readonly build: string; readonly runtime: string } | null;
}

const FIELDS = ["Entrypoint", "Cmd", "WorkingDir", "User", "ExposedPorts", "Volumes", "Healthcheck", "StopSignal", "Shell"] as const;
const ROOT_USERS = new Set(["", "root", "0", "0:0", "root:root"]);

export const EMPTY_CONFIG: ImageConfig = {
  Entrypoint: null,
  Cmd: null,
  Env: null,
  WorkingDir: "",
  User: "",
  ExposedPorts: null,
  Volumes: null,
  Healthcheck: null,
  Labels: null,
};

export function compareContracts(original: ContractSide, optimized: ContractSide, options: ContractOptions = {}): Reason[] {
  const out: Reason[] = [];
  const inherited: string[] = [];
  const inheritedReasons: Reason[] = [];
  const show = (v: unknown) =>
    v === undefined || v === null || v === "" ? "(unset)" : typeof v === "string" ? `\`${v}\`` : `\`${JSON.stringify(v)}\``;
  const norm = (field: string, v: unknown) => {
    if (field === "User") return ROOT_USERS.has(String(v ?? "")) ? "root" : v;
    if (field === "WorkingDir") return v || "/";
    return JSON.stringify(v ?? null) === "{}" || JSON.stringify(v ?? null) === "[]" ? null : (v ?? null);
  };
  const same = (field: string, a: unknown, b: unknown) => JSON.stringify(norm(field, a)) === JSON.stringify(norm(field, b));
  const judge = (name: string, label: string, get: (c: ImageConfig) => unknown, env: boolean) => {
    const [a, b] = [get(original.config), get(optimized.config)];
    if (same(name, a, b)) return;
    // The user an image runs as is part of its contract whoever set it: files and ports depend on it.
    const setA = name === "User" || !original.base || !same(name, a, get(original.base));
    const setB = !optimized.base || !same(name, b, get(optimized.base));
    if (name === "User" && options.harden) {
      out.push(reason("intended", "userHarden", { before: String(a || "root"), after: String(b) }));
    } else if (setA || setB) {
      out.push(
        env
          ? reason("difference", "envSet", { name: label, before: String(a ?? ""), after: String(b ?? "") })
          : reason("difference", "configSet", { field: label, before: show(a), after: show(b) }),
      );
    } else {
      inherited.push(label);
      inheritedReasons.push(
        env
          ? reason("information", "envInherited", { name: label, before: String(a ?? ""), after: String(b ?? "") })
          : reason("information", "configInherited", { field: label, before: show(a), after: show(b) }),
      );
    }
  };
  for (const f of FIELDS) judge(f, f, (c) => c[f], false);
  const env = (c: ImageConfig) => new Map((c.Env ?? []).map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));
  const ignoredEnv = new Set(options.ignoreEnv ?? []);
  const vars = new Set([...env(original.config).keys(), ...env(optimized.config).keys()]);
  for (const name of [...vars].sort()) if (!ignoredEnv.has(name)) judge(name, name, (c) => env(c).get(name), true);
  const prefixes = options.ignoreLabelPrefixes ?? [];
  const labels = new Set([...Object.keys(original.config.Labels ?? {}), ...Object.keys(optimized.config.Labels ?? {})]);
  for (const name of [...labels].sort())
    if (!prefixes.some((p) => name.startsWith(p))) judge(`label ${name}`, `label \`${name}\``, (c) => c.Labels?.[name], false);
  if (inherited.length > 0 && options.runtimeBase) {
    out.push(reason("intended", "runtimeBase", { ...options.runtimeBase, what: listSome(inherited.map((i) => i.replace(/`/g, ""))) }));
  } else out.push(...inheritedReasons);
  return out;
}
