// Files of the context a Node install reads besides the manifests: patches it applies to packages (pnpm
// `patchedDependencies`, Yarn's `patch:` protocol), pnpm's install hooks (`.pnpmfile.cjs`) and Yarn classic's
// `yarn-path` release. The deps stage has only what it copies, so it copies these too, or the layered plan is
// not taken when which files they are cannot be told.
import { posix } from "node:path";
import { parse as parseYaml } from "yaml";
import type { BuildContext } from "../../../src/core/context.js";
import type { NodeProject, PackageJson } from "../closure/node-project.js";

/** Project-relative paths of the files and of the folders (package tarballs), or why they cannot be told. */
export type InstallFiles =
  | { readonly ok: true; readonly files: readonly string[]; readonly folders: readonly string[] }
  | { readonly ok: false; readonly reason: string };

/** The settings of package.json that name files or folders the install reads. */
interface InstallSettings {
  readonly pnpm?: { readonly patchedDependencies?: unknown; readonly overrides?: unknown };
  readonly overrides?: unknown;
  readonly resolutions?: unknown;
}

/** A local package: a protocol that names a path, or a bare path (npm reads `./x`, `../x`, `/x`, `~/x` as one). */
export const LOCAL_SPEC = /^(file|link|portal):|^(\.|\/|~\/)/;

/** Settings naming a folder of package tarballs the install reads: Yarn classic's offline mirror, a kept cache. */
const PACKAGE_FOLDERS = [
  { file: ".yarnrc", key: /^\s*"?(?:yarn-offline-mirror|cache-folder)"?\s+"?([^"\s#]+)"?\s*$/gm },
  { file: ".npmrc", key: /^\s*(?:yarn-offline-mirror|cache)\s*=\s*"?([^"\s#]+)"?\s*$/gm },
  { file: ".yarnrc.yml", key: /^\s*cacheFolder:\s*["']?([^"'\s#]+)["']?\s*$/gm },
];

export function installFiles(project: NodeProject, context: BuildContext): InstallFiles {
  const at = (f: string) => (project.dir === "." ? f : `${project.dir}/${f}`);
  const pkg = project.pkg as PackageJson & InstallSettings;
  const files: string[] = [];
  const unknown = (reason: string): InstallFiles => ({ ok: false, reason });

  // Overrides and resolutions that point at a folder of the context: the install reads that folder.
  for (const [field, value] of [
    ["pnpm.overrides", pkg.pnpm?.overrides],
    ["overrides", pkg.overrides],
    ["resolutions", pkg.resolutions],
  ] as const) {
    const local = specs(value).find((v) => LOCAL_SPEC.test(v));
    if (local) return unknown(`package.json \`${field}\` installs the local folder \`${local}\``);
  }

  if (project.manager === "pnpm") {
    let workspace: Record<string, unknown> = {};
    const workspaceText = context.read(at("pnpm-workspace.yaml"));
    try {
      workspace = (workspaceText && parseYaml(workspaceText)) || {};
    } catch {
      return unknown("`pnpm-workspace.yaml` cannot be read");
    }
    const patches = [...specs(pkg.pnpm?.patchedDependencies), ...specs(workspace.patchedDependencies)];
    // pnpm 8 and 9 also record each patch's path in the lockfile; pnpm 10 records only its hash.
    const lockText = project.lockfile ? (context.read(project.lockfile) ?? "") : "";
    if (patches.length === 0 && /^patchedDependencies:/m.test(lockText))
      return unknown("the lockfile lists patched dependencies whose patch files no setting names");
    files.push(...patches);
    const npmrc = context.read(at(".npmrc")) ?? "";
    if (/^\s*global-pnpmfile\s*=/m.test(npmrc) || workspace.globalPnpmfile !== undefined)
      return unknown("a global pnpmfile outside the project hooks into the install");
    const named = /^\s*pnpmfile\s*=\s*(\S+)/m.exec(npmrc)?.[1] ?? (typeof workspace.pnpmfile === "string" ? workspace.pnpmfile : null);
    for (const pnpmfile of named ? [named] : [".pnpmfile.cjs", ".pnpmfile.mjs"]) {
      const hooks = context.read(at(pnpmfile));
      if (hooks === null) continue;
      // The hooks run in the install: a local file they load must be there too.
      if (/\b(require|import)\s*\(\s*["'`]\.|\bfrom\s+["']\./.test(hooks))
        return unknown(`\`${pnpmfile}\` loads other files of the project`);
      files.push(pnpmfile);
    }
  }

  if (project.manager === "yarn-berry") {
    // `patch:lodash@npm%3A4.17.21#~/.yarn/patches/lodash.patch::version=…`: the part after `#` names the files.
    const texts = [JSON.stringify(pkg), project.lockfile ? (context.read(project.lockfile) ?? "") : ""];
    for (const text of texts) {
      for (const m of text.matchAll(/patch:[^"\s#]*#([^"\s:]+)/g)) {
        for (const source of decode(m[1]).split("&")) {
          if (/builtin</.test(source)) continue;
          files.push(source.replace(/^optional!/, "").replace(/^~\//, ""));
        }
      }
    }
  }

  if (project.manager === "yarn") {
    const release = /^\s*yarn-path\s+"?([^"\s]+)"?/m.exec(context.read(at(".yarnrc")) ?? "")?.[1];
    if (release) files.push(release);
  }

  // A folder of tarballs the context holds is read by the install (`yarn install --offline` takes all from it).
  const folders: string[] = [];
  for (const { file, key } of PACKAGE_FOLDERS) {
    for (const m of (context.read(at(file)) ?? "").matchAll(key)) {
      const folder = posix.normalize(m[1]).replace(/\/+$/, "");
      if (folder.startsWith("/") || folder.startsWith("~") || folder.includes("$")) continue;
      if (folder.startsWith("../") || folder === "..")
        return unknown(`\`${file}\` names the package folder \`${m[1]}\`, outside the project`);
      if (folder !== "." && context.exists(at(folder)) && context.read(at(folder)) === null && !folders.includes(folder))
        folders.push(folder);
    }
  }

  const paths = [...new Set(files.map((f) => posix.normalize(f)))].sort();
  const outside = paths.find((p) => p.startsWith("../") || p.startsWith("/") || p.includes("$"));
  if (outside) return unknown(`the install reads \`${outside}\`, outside the project`);
  const missing = paths.find((p) => context.read(at(p)) === null);
  if (missing) return unknown(`the install reads \`${missing}\`, which is not a file of the build context`);
  return { ok: true, files: paths, folders: folders.sort() };
}

/** Settings and flags that move the folder an install writes away from `<project>/node_modules`. */
const MOVED_MODULES = [
  { file: ".yarnrc", key: /^\s*"?--(?:install\.)?modules-folder"?[\s=]+"?([^"\s#]+)"?/m, setting: "--modules-folder" },
  { file: ".npmrc", key: /^\s*(modules-dir|virtual-store-dir)\s*=\s*"?([^"\s#]+)"?/m, setting: "" },
  { file: ".npmrc", key: /^\s*node-linker\s*=\s*"?(pnp)"?\s*$/m, setting: "node-linker" },
  { file: "pnpm-workspace.yaml", key: /^\s*(modulesDir|virtualStoreDir)\s*:\s*["']?([^"'\s#]+)/m, setting: "" },
  { file: "pnpm-workspace.yaml", key: /^\s*nodeLinker\s*:\s*["']?(pnp)["']?\s*$/m, setting: "nodeLinker" },
  // pnpm 10's global virtual store: node_modules holds links into the store, outside the project.
  { file: ".npmrc", key: /^\s*(enable-global-virtual-store)\s*=\s*"?true"?\s*$/m, setting: "" },
  { file: "pnpm-workspace.yaml", key: /^\s*(enableGlobalVirtualStore)\s*:\s*["']?true["']?\s*$/m, setting: "" },
];
const MOVING_FLAGS = /^--(modules-folder|modules-dir|virtual-store-dir|node-linker|enable-global-virtual-store)(=|$)/;

/**
 * Why the install does not write `<project>/node_modules`, the folder the deps stage hands the runtime: Yarn
 * classic's `--modules-folder` (in `.yarnrc` or on the command line), pnpm's `modules-dir`, `virtual-store-dir`
 * or Plug'n'Play linker. Null when nothing moves it.
 */
export function movedModules(project: NodeProject, context: BuildContext, args: readonly string[]): string | null {
  const at = (f: string) => (project.dir === "." ? f : `${project.dir}/${f}`);
  const flag = args.find((a) => MOVING_FLAGS.test(a));
  if (flag) return `the install's \`${flag.replace(/=.*/, "")}\` puts the packages outside \`node_modules\``;
  for (const { file, key, setting } of MOVED_MODULES) {
    const m = key.exec(context.read(at(file)) ?? "");
    if (m) return `\`${file}\` sets \`${setting || m[1]}\`, so the install puts the packages outside \`node_modules\``;
  }
  return null;
}

/** The string values of a settings object (nested for overrides of overrides). */
function specs(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value === null || typeof value !== "object") return [];
  return Object.values(value).flatMap(specs);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
