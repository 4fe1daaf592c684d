// The OS packages a Node runtime must install for its production packages' native code and the programs they
// run (closure/native.ts), minus what the runtime already installs; or the refusal naming the package whose
// needs are unknown. Shared by the layered plan and the plan that prunes in the build stage.
import type { BuildContext } from "../../../src/core/context.js";
import type { NodeProject } from "../closure/node-project.js";
import { osNeeds } from "../closure/native.js";
import type { Analysis } from "../analysis.js";
import { declaredVariables } from "../../../src/core/instructions.js";
import type { RecipeNote } from "./types.js";
import { runsNode } from "../closure/node-entry.js";
import { FULL_IMAGE_TOOLS, FULL_IMAGE_WORDS } from "../runtime-check.js";

/** Programs of the full node image (buildpack-deps) that its slim twin lacks. */
const FULL_IMAGE_PROGRAMS = new Set([...FULL_IMAGE_TOOLS, ...FULL_IMAGE_WORDS]);

export type NativePackages =
  | { readonly ok: true; readonly apt: readonly string[]; readonly notes: readonly RecipeNote[] }
  | {
      readonly ok: false;
      readonly id: "nativeUnknown" | "nativeOptionalUnknown" | "nativeOutside";
      readonly data: { readonly package: string; readonly why?: string };
    };

/**
 * `keptDev`: the devDependencies stay in the runtime (their programs count). `fullToSlim`: the runtime is a
 * smaller image than the build's (a runtime on the build's own image has every library and program it had).
 */
export function nativePackages(
  project: NodeProject,
  keptDev: boolean,
  runtimePackages: readonly string[],
  fullToSlim: boolean,
  line: number,
  a: Analysis | null = null,
  context: BuildContext | null = null,
): NativePackages {
  // The image runs only a static server (a global `serve`): no package of node_modules runs, whatever it would need.
  if (a !== null && !runsNode(a)) {
    const store = fullToSlim && !runtimePackages.some((p) => /^ca-certificates([=:]|$)/.test(p)) ? systemCaSetting(a) : null;
    return {
      ok: true,
      apt: store ? ["ca-certificates"] : [],
      notes: store ? [{ line, id: "systemCaStore", data: { setting: store } }] : [],
    };
  }
  const dev = keptDev ? Object.keys(project.pkg.devDependencies ?? {}).map((name) => ({ name, builds: false })) : [];
  // Without a lockfile only the manifest's own dependencies are known: the tables still speak for those.
  const direct = Object.keys({ ...project.pkg.dependencies, ...project.pkg.optionalDependencies }).map((name) => ({ name, builds: false }));
  const browser = a === null ? null : systemBrowser(a, runtimePackages);
  const met = browser ? new Set(["puppeteer"]) : new Set<string>();
  const native = osNeeds(
    [...(project.prodPackages ?? direct), ...dev],
    undefined,
    !fullToSlim,
    met,
    a === null ? undefined : npmConfigKeys(a, project, context),
  );
  if (!native.ok) return { ok: false, id: native.id, data: { package: native.pkg, ...("why" in native ? { why: native.why } : {}) } };
  const apt: string[] = [];
  const notes: RecipeNote[] = [];
  const names = [...(project.prodPackages ?? direct), ...dev].map((p) => p.name);
  if (browser && names.includes("puppeteer")) notes.push({ line, id: "systemBrowser", data: browser });
  const installed = new Set(runtimePackages.map((p) => p.replace(/[=:].*$/, "")));
  // node reads the system's certificates only when told to; the official slim images purge ca-certificates.
  const store = fullToSlim && a !== null && !installed.has("ca-certificates") ? systemCaSetting(a) : null;
  if (store) {
    apt.push("ca-certificates");
    notes.push({ line, id: "systemCaStore", data: { setting: store } });
  }
  for (const need of native.needs) {
    // Already there: the runtime replays the build's install of it, or of the library of its `-dev` headers.
    if (need.debian.length === 0 || need.debian.every((p) => installed.has(p)) || need.providers?.some((p) => installed.has(p))) continue;
    // A runtime on the original's own image (slim, alpine) has every program the original had, and no more.
    if ((need.program || need.fullImage) && !fullToSlim) continue;
    // The full image lacks a program it runs (ffmpeg, gm, 7z): the original could not run it either, and the
    // runtime does not gain what the original did not have.
    const absent = need.program ? (need.runs ?? []).filter((p) => !FULL_IMAGE_PROGRAMS.has(p)) : [];
    if (absent.length > 0) {
      notes.push({ line, id: "programAbsentBoth", data: { package: need.pkg, programs: absent.map((p) => `\`${p}\``).join(", ") } });
      continue;
    }
    // One note per package installed: the first dependency that needs it (Prisma's client, CLI and engines alike).
    if (need.debian.every((p) => installed.has(p) || apt.includes(p))) continue;
    apt.push(...need.debian.filter((p) => !installed.has(p)));
    notes.push({
      line,
      id: dev.some((d) => d.name === need.pkg) && !project.prodPackages?.some((p) => p.name === need.pkg) ? "osNeedsDev" : "osNeeds",
      data: { package: need.pkg, why: need.why, packages: need.debian.map((p) => `\`${p}\``).join(", ") },
    });
  }
  return { ok: true, apt, notes };
}

/**
 * The setting that makes node use the system's CA store (`--use-openssl-ca`, `--use-system-ca`, or a certificate
 * file or folder under /etc/ssl that NODE_EXTRA_CA_CERTS, SSL_CERT_FILE or SSL_CERT_DIR names), in the stage's ENV
 * or what the entry runs, or null.
 */
export function systemCaSetting(a: Analysis): string | null {
  const texts = [
    ...a.stage.body.filter((i) => i.keyword === "ENV" || i.keyword === "ENTRYPOINT" || i.keyword === "CMD").map((i) => i.args),
    ...a.entry.map((e) => e.name),
  ];
  for (const text of texts) {
    const flag = /--use-(openssl|system)-ca\b/.exec(text)?.[0];
    if (flag) return `\`${flag}\``;
    const file = /\b(NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|SSL_CERT_DIR)[= ]"?(\/etc\/ssl\/[^\s"]*)/.exec(text);
    if (file) return `\`${file[1]}=${file[2]}\``;
  }
  return null;
}

/** Browsers of OS packages, by the path a program launches them at. */
const BROWSERS: Readonly<Record<string, string>> = {
  // Debian's chromium; Alpine's names it chromium-browser too (its runtime repeats the apk add).
  "/usr/bin/chromium": "chromium",
  "/usr/bin/chromium-browser": "chromium",
  "/usr/bin/chromium-headless-shell": "chromium-headless-shell",
};

/**
 * `ENV PUPPETEER_EXECUTABLE_PATH` names a browser an OS package of the Dockerfile installs, and the runtime keeps
 * that package: puppeteer launches it (the variable is its default `executablePath`), not the Chrome its install
 * downloads into the home folder, which the runtime does not take.
 */
export function systemBrowser(a: Analysis, runtimePackages: readonly string[]): { path: string; package: string } | null {
  const env = a.stage.body.filter((i) => i.keyword === "ENV").map((i) => i.args);
  const paths = env.flatMap((e) => [...e.matchAll(/\bPUPPETEER_EXECUTABLE_PATH[= ]"?([^\s"]+)"?/g)].map((m) => m[1]));
  if (paths.length !== 1 || !Object.hasOwn(BROWSERS, paths[0])) return null;
  const kept = [...runtimePackages, ...a.setup.flatMap((u) => u.alpinePackages)].map((p) => p.replace(/[=:].*$/, ""));
  return kept.includes(BROWSERS[paths[0]]) ? { path: paths[0], package: BROWSERS[paths[0]] } : null;
}

/**
 * The npm config keys the stage sets for its installs: `npm_config_<key>` in an ENV or ARG (any case), and the
 * keys of the project's `.npmrc` in the build context; lowercase, with `_` for `-`.
 */
function npmConfigKeys(a: Analysis, project: NodeProject, context: BuildContext | null): ReadonlySet<string> {
  const keys = new Set<string>();
  const norm = (k: string) => k.toLowerCase().replace(/-/g, "_");
  for (const instr of a.stage.body) {
    if (instr.keyword !== "ENV" && instr.keyword !== "ARG") continue;
    for (const v of declaredVariables(instr) ?? []) {
      const m = /^npm_config_(.+)$/i.exec(v.name);
      if (m) keys.add(norm(m[1]));
    }
  }
  const npmrc = context?.read(project.dir === "." ? ".npmrc" : `${project.dir}/.npmrc`) ?? null;
  for (const m of (npmrc ?? "").matchAll(/^\s*([\w.-]+)\s*=/gm)) keys.add(norm(m[1]));
  return keys;
}
